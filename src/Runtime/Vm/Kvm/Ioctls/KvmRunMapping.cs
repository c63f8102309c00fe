using System.Runtime.InteropServices;
using Hyperlight.Vm.Kvm.Abi;
using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Vm.Kvm.Ioctls;

/// <summary>
/// The vCPU's <c>kvm_run</c> area, mmapped from the vCPU fd (<c>KVM_GET_VCPU_MMAP_SIZE</c> bytes:
/// <c>struct kvm_run</c> followed by the I/O data pages). Unmapped once, by the SafeHandle machinery.
/// </summary>
internal sealed unsafe class KvmRunMapping : SafeHandle
{
    private readonly nuint _length;

    private KvmRunMapping(void* address, nuint length) : base(invalidHandleValue: -1, ownsHandle: true)
    {
        _length = length;
        SetHandle((nint)address);
    }

    public override bool IsInvalid => handle == -1;

    /// <summary>The shared <c>kvm_run</c>; valid while this mapping is not disposed.</summary>
    public KvmRun* Run => (KvmRun*)handle;

    /// <summary>Bytes mapped (the I/O data of an exit lies within them).</summary>
    public nuint Length => _length;

    public static KvmRunMapping Map(KvmVcpuFd vcpu, int mmapSize)
    {
        if (mmapSize < sizeof(KvmRun))
            throw new KvmException($"KVM_GET_VCPU_MMAP_SIZE reported {mmapSize} bytes, less than struct kvm_run ({sizeof(KvmRun)} bytes).");
        void* address = LibC.Mmap(null, (nuint)mmapSize, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, vcpu, 0);
        if (address == LibC.MapFailed)
            throw new KvmException("mmap of kvm_run", Marshal.GetLastPInvokeError());
        return new KvmRunMapping(address, (nuint)mmapSize);
    }

    protected override bool ReleaseHandle() => LibC.Munmap((void*)handle, _length) == 0;
}
