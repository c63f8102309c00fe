using System.Runtime.InteropServices;
using Hyperlight.Vm.Kvm.Abi;
using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Vm.Kvm.Ioctls;

/// <summary>A VM fd: memory slots and vCPU creation.</summary>
internal sealed unsafe class KvmVm : IDisposable
{
    private readonly KvmVmFd _fd;

    public KvmVm(KvmVmFd fd) => _fd = fd;

    /// <summary>
    /// <c>KVM_SET_USER_MEMORY_REGION</c>: maps <paramref name="region"/>'s host range at its guest-physical
    /// address (or deletes the slot when its size is 0). The host range must stay mapped while the slot exists.
    /// </summary>
    public void SetUserMemoryRegion(in KvmUserspaceMemoryRegion region)
    {
        fixed (KvmUserspaceMemoryRegion* argument = &region)
        {
            if (LibC.Ioctl(_fd, KvmIoctl.SetUserMemoryRegion, argument) != 0)
                throw new KvmException($"KVM_SET_USER_MEMORY_REGION (slot {region.Slot}, guest 0x{region.GuestPhysAddr:x}, {region.MemorySize} bytes, flags {region.Flags})", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary><c>KVM_CHECK_EXTENSION</c> on the VM (some capabilities differ per VM type).</summary>
    public int CheckExtension(KvmCapability capability)
    {
        int result = LibC.Ioctl(_fd, KvmIoctl.CheckExtension, (nuint)capability);
        return result >= 0 ? result : throw new KvmException("KVM_CHECK_EXTENSION", Marshal.GetLastPInvokeError());
    }

    /// <summary><c>KVM_CREATE_VCPU</c> with id <paramref name="id"/>, and its <c>kvm_run</c> mapped (<paramref name="mmapSize"/> from <see cref="KvmSystem.GetVcpuMmapSize"/>).</summary>
    public KvmVcpu CreateVcpu(uint id, int mmapSize)
    {
        int fd = LibC.Ioctl(_fd, KvmIoctl.CreateVcpu, id);
        if (fd < 0)
            throw new KvmException($"KVM_CREATE_VCPU ({id})", Marshal.GetLastPInvokeError());
        var vcpuFd = new KvmVcpuFd(fd);
        try
        {
            return new KvmVcpu(vcpuFd, KvmRunMapping.Map(vcpuFd, mmapSize));
        }
        catch
        {
            vcpuFd.Dispose();
            throw;
        }
    }

    public void Dispose() => _fd.Dispose();
}
