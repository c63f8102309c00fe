using System.Runtime.InteropServices;
using Hyperlight.Vm.Kvm.Abi;
using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Vm.Kvm.Ioctls;

/// <summary>
/// <c>/dev/kvm</c>: the system ioctls (API version, capabilities, supported CPUID, VM creation).
/// One per process is enough; VMs keep working after it is closed.
/// </summary>
internal sealed unsafe class KvmSystem : IDisposable
{
    public const string DevicePath = "/dev/kvm";

    private readonly KvmSystemFd _fd;

    /// <summary>Wraps an open fd; <see cref="TryOpen"/> is the way in outside tests.</summary>
    internal KvmSystem(KvmSystemFd fd) => _fd = fd;

    /// <summary>Opens <see cref="DevicePath"/> read-write; false with errno when it cannot be opened.</summary>
    public static bool TryOpen(out KvmSystem? system, out int errno)
    {
        int fd = LibC.Open(DevicePath, LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            system = null;
            return false;
        }
        errno = 0;
        system = new KvmSystem(new KvmSystemFd(fd));
        return true;
    }

    /// <summary><c>KVM_GET_API_VERSION</c>: 12 on every kernel this driver supports.</summary>
    public int GetApiVersion() => IoctlChecked(KvmIoctl.GetApiVersion, 0, "KVM_GET_API_VERSION");

    /// <summary><c>KVM_CHECK_EXTENSION</c>: 0 when unsupported, else positive (a count for some capabilities).</summary>
    public int CheckExtension(KvmCapability capability) =>
        IoctlChecked(KvmIoctl.CheckExtension, (nuint)capability, "KVM_CHECK_EXTENSION");

    /// <summary><c>KVM_GET_VCPU_MMAP_SIZE</c>: bytes to mmap from a vCPU fd for its <c>kvm_run</c>.</summary>
    public int GetVcpuMmapSize() => IoctlChecked(KvmIoctl.GetVcpuMmapSize, 0, "KVM_GET_VCPU_MMAP_SIZE");

    /// <summary><c>KVM_CREATE_VM</c> (type 0: the default machine type).</summary>
    public KvmVm CreateVm() => new(new KvmVmFd(IoctlChecked(KvmIoctl.CreateVm, 0, "KVM_CREATE_VM")));

    /// <summary>
    /// <c>KVM_GET_SUPPORTED_CPUID</c>: the CPUID leaves KVM can present to a guest. The kernel fails
    /// with <c>E2BIG</c> when the buffer is too small, so the buffer grows until it fits.
    /// </summary>
    public KvmCpuidEntry2[] GetSupportedCpuid()
    {
        for (int capacity = 128; ; capacity *= 2)
        {
            nuint bytes = (nuint)(sizeof(KvmCpuid2Header) + (capacity * sizeof(KvmCpuidEntry2)));
            void* buffer = NativeMemory.AllocZeroed(bytes);
            try
            {
                ((KvmCpuid2Header*)buffer)->Nent = (uint)capacity;
                if (LibC.Ioctl(_fd, KvmIoctl.GetSupportedCpuid, buffer) == 0)
                {
                    int count = (int)((KvmCpuid2Header*)buffer)->Nent;
                    return new ReadOnlySpan<KvmCpuidEntry2>((byte*)buffer + sizeof(KvmCpuid2Header), count).ToArray();
                }
                int errno = Marshal.GetLastPInvokeError();
                if (errno != LibC.E2BIG || capacity >= 4096)
                    throw new KvmException("KVM_GET_SUPPORTED_CPUID", errno);
            }
            finally
            {
                NativeMemory.Free(buffer);
            }
        }
    }

    public void Dispose() => _fd.Dispose();

    private int IoctlChecked(nuint request, nuint argument, string name)
    {
        int result = LibC.Ioctl(_fd, request, argument);
        return result >= 0 ? result : throw new KvmException(name, Marshal.GetLastPInvokeError());
    }
}
