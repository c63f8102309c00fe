using System.Runtime.InteropServices;
using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Vm.Kvm.Ioctls;

/// <summary>
/// An owned file descriptor of the KVM API, closed exactly once by the <see cref="SafeHandle"/>
/// machinery (also from the finalizer if a sandbox is never disposed). Each kind of fd has its own
/// type so a vCPU ioctl cannot be issued on a VM fd by mistake.
/// </summary>
internal abstract class KvmFileDescriptor : SafeHandle
{
    protected KvmFileDescriptor(int fd) : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}

/// <summary>The fd of <c>/dev/kvm</c> itself (system ioctls).</summary>
internal sealed class KvmSystemFd(int fd) : KvmFileDescriptor(fd);

/// <summary>A VM fd from <c>KVM_CREATE_VM</c>.</summary>
internal sealed class KvmVmFd(int fd) : KvmFileDescriptor(fd);

/// <summary>A vCPU fd from <c>KVM_CREATE_VCPU</c>.</summary>
internal sealed class KvmVcpuFd(int fd) : KvmFileDescriptor(fd);
