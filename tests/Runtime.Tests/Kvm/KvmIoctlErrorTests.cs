using System.Runtime.InteropServices;
using Hyperlight.Vm.Kvm;
using Hyperlight.Vm.Kvm.Abi;
using Hyperlight.Vm.Kvm.Ioctls;
using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Tests.Kvm;

/// <summary>
/// The ioctl wrappers' failure paths, run everywhere by pointing them at fds that are not KVM's:
/// /dev/null and /dev/zero refuse every KVM ioctl with ENOTTY, and /dev/zero can be mmapped like kvm_run.
/// </summary>
public sealed unsafe class KvmIoctlErrorTests
{
    private const int ENOTTY = 25;

    [Fact]
    public void System_ioctl_on_a_foreign_fd_names_the_ioctl_and_errno()
    {
        using var system = new KvmSystem(new KvmSystemFd(OpenDevice("/dev/null")));

        var error = Assert.Throws<KvmException>(() => system.GetApiVersion());

        Assert.Equal(ENOTTY, error.Errno);
        Assert.StartsWith("KVM_GET_API_VERSION failed:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"errno {ENOTTY}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Supported_cpuid_stops_at_an_error_other_than_e2big()
    {
        using var system = new KvmSystem(new KvmSystemFd(OpenDevice("/dev/null")));

        var error = Assert.Throws<KvmException>(() => system.GetSupportedCpuid());

        Assert.Equal(ENOTTY, error.Errno);
        Assert.Contains("KVM_GET_SUPPORTED_CPUID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_memory_slot_reports_the_slot()
    {
        using var vm = new KvmVm(new KvmVmFd(OpenDevice("/dev/null")));
        var region = new KvmUserspaceMemoryRegion { Slot = 2, GuestPhysAddr = 0x4000, MemorySize = 0x1000, Flags = KvmMemoryFlags.ReadOnly };

        var error = Assert.Throws<KvmException>(() => vm.SetUserMemoryRegion(region));

        Assert.Contains("slot 2, guest 0x4000, 4096 bytes, flags ReadOnly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_vcpu_creation_names_the_id()
    {
        using var vm = new KvmVm(new KvmVmFd(OpenDevice("/dev/null")));

        var error = Assert.Throws<KvmException>(() => vm.CreateVcpu(3, 3 * 4096));

        Assert.Contains("KVM_CREATE_VCPU (3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_reports_errno_instead_of_throwing()
    {
        using KvmVcpu vcpu = VcpuOverDevZero();

        Assert.Equal(ENOTTY, vcpu.Run());
    }

    [Fact]
    public void Register_ioctls_throw_with_their_names()
    {
        using KvmVcpu vcpu = VcpuOverDevZero();

        Assert.Contains("KVM_GET_REGS", Assert.Throws<KvmException>(() => vcpu.GetRegisters(out _)).Message, StringComparison.Ordinal);
        Assert.Contains("KVM_SET_SREGS", Assert.Throws<KvmException>(() => vcpu.SetSpecialRegisters(default)).Message, StringComparison.Ordinal);
        Assert.Contains("KVM_SET_CPUID2 (2 entries)", Assert.Throws<KvmException>(() => vcpu.SetCpuid(new KvmCpuidEntry2[2])).Message, StringComparison.Ordinal);
        Assert.Contains("KVM_SET_VCPU_EVENTS", Assert.Throws<KvmException>(() => vcpu.SetEvents(default)).Message, StringComparison.Ordinal);
        Assert.Contains("KVM_SET_MP_STATE", Assert.Throws<KvmException>(() => vcpu.SetMpState(KvmMpState.Runnable)).Message, StringComparison.Ordinal);
        Assert.Contains("KVM_SET_MSRS", Assert.Throws<KvmException>(() => vcpu.SetMsrs(KvmGuestState.Msrs)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(KvmVcpu.MaxMsrsPerCall + 1)]
    public void Msr_count_outside_the_buffer_is_refused_before_any_ioctl(int count)
    {
        using KvmVcpu vcpu = VcpuOverDevZero();

        Assert.Throws<ArgumentOutOfRangeException>(() => vcpu.SetMsrs(new KvmMsrEntry[count]));
    }

    [Fact]
    public void Run_mapping_smaller_than_kvm_run_is_refused()
    {
        using var fd = new KvmVcpuFd(OpenDevice("/dev/zero"));

        var error = Assert.Throws<KvmException>(() => KvmRunMapping.Map(fd, 1024));

        Assert.Contains("less than struct kvm_run (2352 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmappable_fd_fails_the_run_mapping_with_errno()
    {
        using var fd = new KvmVcpuFd(OpenDevice("/dev/null")); // /dev/null has no mmap

        var error = Assert.Throws<KvmException>(() => KvmRunMapping.Map(fd, 3 * 4096));

        Assert.NotEqual(0, error.Errno);
        Assert.Contains("mmap of kvm_run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disposing_a_wrapper_closes_its_fd_once()
    {
        // The write end of a pipe stands in for the VM fd: the read end sees end-of-file exactly when
        // it is closed (checking the fd number itself would race with fds other tests open).
        int* fds = stackalloc int[2];
        Assert.Equal(0, TestLibC.Pipe(fds));
        var vm = new KvmVm(new KvmVmFd(fds[1]));
        try
        {
            vm.Dispose();
            vm.Dispose();

            byte buffer;
            Assert.Equal(0, TestLibC.Read(fds[0], &buffer, 1));
        }
        finally
        {
            LibC.Close(fds[0]);
        }
    }

    private static KvmVcpu VcpuOverDevZero()
    {
        var fd = new KvmVcpuFd(OpenDevice("/dev/zero"));
        return new KvmVcpu(fd, KvmRunMapping.Map(fd, 3 * 4096));
    }

    private static int OpenDevice(string path)
    {
        int fd = LibC.Open(path, LibC.O_RDWR | LibC.O_CLOEXEC);
        Assert.True(fd >= 0, $"open {path}: errno {Marshal.GetLastPInvokeError()}");
        return fd;
    }
}
