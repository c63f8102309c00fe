using System.Runtime.InteropServices;
using Hyperlight.Vm.Kvm.Abi;
using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Vm.Kvm.Ioctls;

/// <summary>
/// A vCPU fd and its mmapped <c>kvm_run</c>. This file: lifetime and <c>KVM_RUN</c>; the register,
/// MSR, CPUID and event ioctls are in the other parts of this class.
/// </summary>
internal sealed unsafe partial class KvmVcpu : IDisposable
{
    private readonly KvmVcpuFd _fd;
    private readonly KvmRunMapping _run;

    public KvmVcpu(KvmVcpuFd fd, KvmRunMapping run)
    {
        _fd = fd;
        _run = run;
    }

    /// <summary>The shared <c>kvm_run</c>: exit reason and details after <see cref="Run"/>, <c>immediate_exit</c> before it.</summary>
    public KvmRun* RunState => _run.Run;

    /// <summary>Bytes of the <c>kvm_run</c> mapping; an exit's I/O data offset must lie inside it.</summary>
    public nuint RunStateLength => _run.Length;

    /// <summary>
    /// <c>KVM_RUN</c>: runs the vCPU until an exit that needs the host. Returns 0, or the errno of a
    /// failed run (<c>EINTR</c> when a signal or <c>immediate_exit</c> stopped it) so the per-exit path
    /// throws nothing and allocates nothing.
    /// </summary>
    public int Run() => LibC.Ioctl(_fd, KvmIoctl.Run, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public void Dispose()
    {
        _run.Dispose();
        _fd.Dispose();
    }

    private void Get<T>(nuint request, string name, out T value) where T : unmanaged
    {
        value = default;
        fixed (T* argument = &value)
        {
            if (LibC.Ioctl(_fd, request, argument) != 0)
                throw new KvmException(name, Marshal.GetLastPInvokeError());
        }
    }

    private void Set<T>(nuint request, string name, in T value) where T : unmanaged
    {
        fixed (T* argument = &value)
        {
            if (LibC.Ioctl(_fd, request, argument) != 0)
                throw new KvmException(name, Marshal.GetLastPInvokeError());
        }
    }
}
