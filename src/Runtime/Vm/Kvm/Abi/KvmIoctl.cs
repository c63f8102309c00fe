namespace Hyperlight.Vm.Kvm.Abi;

/// <summary>
/// ioctl request numbers of the KVM API on x86-64 (shared/reference/kvm-abi.md; KVM_SET_MP_STATE is
/// <c>_IOW(0xAE, 0x99, struct kvm_mp_state)</c> from linux/kvm.h). The number encodes the
/// direction and the size of the argument struct, so a wrong struct size shows up as a wrong number.
/// </summary>
internal static class KvmIoctl
{
    // On /dev/kvm.
    public const nuint GetApiVersion = 0x0000_AE00;
    public const nuint CreateVm = 0x0000_AE01;
    public const nuint CheckExtension = 0x0000_AE03;
    public const nuint GetVcpuMmapSize = 0x0000_AE04;
    public const nuint GetSupportedCpuid = 0xC008_AE05;

    // On a VM.
    public const nuint CreateVcpu = 0x0000_AE41;
    public const nuint SetUserMemoryRegion = 0x4020_AE46;

    // On a vCPU.
    public const nuint Run = 0x0000_AE80;
    public const nuint GetRegs = 0x8090_AE81;
    public const nuint SetRegs = 0x4090_AE82;
    public const nuint GetSregs = 0x8138_AE83;
    public const nuint SetSregs = 0x4138_AE84;
    public const nuint SetMsrs = 0x4008_AE89;
    public const nuint SetCpuid2 = 0x4008_AE90;
    public const nuint SetMpState = 0x4004_AE99;
    public const nuint GetVcpuEvents = 0x8040_AE9F;
    public const nuint SetVcpuEvents = 0x4040_AEA0;

    /// <summary>The only API version KVM has ever reported (since Linux 2.6.22).</summary>
    public const int ExpectedApiVersion = 12;
}
