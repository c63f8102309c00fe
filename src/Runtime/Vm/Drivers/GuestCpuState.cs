namespace Hyperlight.Vm.Drivers;

/// <summary>
/// The fixed CPU state every VM driver gives the guest (DESIGN.md §5, measured on KVM/PVM and
/// Unicorn 2.0.1): 64-bit long mode, paging on, CPL 3 with IOPL 3, Linux user selectors.
/// CR3 and EFER come from the <see cref="GuestLayout"/>.
/// </summary>
internal static class GuestCpuState
{
    /// <summary>PE MP ET NE WP AM PG.</summary>
    public const ulong Cr0 = 0x8005_0033;

    /// <summary>PAE OSFXSR OSXMMEXCPT (no PCID/FSGSBASE: the PVM host refuses them).</summary>
    public const ulong Cr4 = 0x620;

    /// <summary>SCE LME LMA.</summary>
    public const ulong EferBase = 0x501;

    /// <summary>EFER.NXE: page-table entries may carry the no-execute bit.</summary>
    public const ulong EferNoExecute = 0x800;

    /// <summary>IOPL 3 (so <c>out</c> is legal at CPL 3) and IF.</summary>
    public const ulong Rflags = 0x3202;

    /// <summary>64-bit code, DPL 3 (GDT index 6, RPL 3).</summary>
    public const ushort CodeSelector = 0x33;

    /// <summary>Data/stack, DPL 3 (GDT index 5, RPL 3).</summary>
    public const ushort DataSelector = 0x2B;

    /// <summary>MSR_STAR as Linux sets it: SYSRET base selector 0x23, SYSCALL base 0x10.</summary>
    public const ulong Star = (0x23UL << 48) | (0x10UL << 32);

    public const uint MsrEfer = 0xC000_0080;
    public const uint MsrStar = 0xC000_0081;
}
