using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Kvm.Abi;

namespace Hyperlight.Vm.Kvm;

/// <summary>
/// The register state of <see cref="GuestCpuState"/> in KVM's structs: 64-bit mode with paging, CPL 3
/// with IOPL 3, the Linux user selectors (PVM accepts no others) over the GDT the micro-VM layer
/// writes, no IDT so that any CPU exception
/// escalates to a triple fault (<c>KVM_EXIT_SHUTDOWN</c>). Pure functions, so the state is checked by
/// unit tests on machines without KVM.
/// </summary>
internal static class KvmGuestState
{
    /// <summary>Segment type 11: execute/read code, accessed.</summary>
    public const byte CodeSegmentType = 11;

    /// <summary>Segment type 3: read/write data, accessed.</summary>
    public const byte DataSegmentType = 3;

    /// <summary>The MSRs set at creation and after every reset; SYSCALL is never used, but PVM checks STAR's selectors.</summary>
    public static ReadOnlySpan<KvmMsrEntry> Msrs => _msrs;

    private static readonly KvmMsrEntry[] _msrs = [new KvmMsrEntry(GuestCpuState.MsrStar, GuestCpuState.Star)];

    /// <summary>
    /// Writes the fixed state into <paramref name="sregs"/>, which holds what <c>KVM_GET_SREGS</c>
    /// returned for the fresh vCPU (so fields this state does not decide, such as TR and the APIC
    /// base, keep KVM's valid reset values).
    /// </summary>
    public static void Apply(ref KvmSregs sregs, GuestLayout layout)
    {
        sregs.Cs = Segment(GuestCpuState.CodeSelector, CodeSegmentType, longMode: true);
        KvmSegment data = Segment(GuestCpuState.DataSelector, DataSegmentType, longMode: false);
        sregs.Ss = data;
        sregs.Ds = data;
        sregs.Es = data;
        sregs.Fs = data;
        sregs.Gs = data;
        // The GDT holds the descriptors behind these selectors; the CPU reads it only if a selector is reloaded.
        sregs.Gdt = new KvmDescriptorTable { Base = layout.GdtBase, Limit = PageTableWriter.GdtSize - 1 };
        // A zero-limit IDT: no exception can be delivered, so a fault becomes #DF, then a triple fault.
        sregs.Idt = default;
        sregs.Cr0 = GuestCpuState.Cr0;
        // Only a page fault writes CR2, so after a crash a changed CR2 identifies one (KvmFaultVector).
        sregs.Cr2 = KvmFaultVector.Cr2Sentinel;
        sregs.Cr3 = layout.PageTableBase;
        sregs.Cr4 = GuestCpuState.Cr4;
        sregs.Efer = layout.Efer;
    }

    /// <summary>The general registers a call starts with; the rest are zero.</summary>
    public static KvmRegs EntryRegisters(in VmEntryState entry) => new()
    {
        Rip = entry.Rip,
        Rsp = entry.Rsp,
        Rdi = entry.Rdi,
        Rflags = GuestCpuState.Rflags,
    };

    /// <summary>A flat 4 GiB DPL 3 segment; <paramref name="longMode"/> makes it 64-bit code (L=1 requires D/B=0).</summary>
    private static KvmSegment Segment(ushort selector, byte type, bool longMode) => new()
    {
        Base = 0,
        Limit = 0xFFFF_FFFF,
        Selector = selector,
        Type = type,
        Present = 1,
        Dpl = 3,
        Db = longMode ? (byte)0 : (byte)1,
        S = 1,
        L = longMode ? (byte)1 : (byte)0,
        G = 1,
    };
}
