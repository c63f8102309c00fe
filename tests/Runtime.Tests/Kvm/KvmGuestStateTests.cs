using Hyperlight.Vm;
using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Kvm;
using Hyperlight.Vm.Kvm.Abi;

namespace Hyperlight.Tests.Kvm;

/// <summary>The fixed vCPU state of DESIGN.md §5, as the KVM driver writes it into KVM's structs.</summary>
public sealed class KvmGuestStateTests
{
    private static readonly GuestLayout Layout = TestLayouts.Create();

    [Fact]
    public void Control_registers_enable_long_mode_paging_and_sse()
    {
        KvmSregs sregs = Applied();

        Assert.Equal(0x8005_0033ul, sregs.Cr0);
        Assert.Equal(0x620ul, sregs.Cr4);
        Assert.Equal(Layout.PageTableBase, sregs.Cr3);
        Assert.Equal(Layout.Efer, sregs.Efer);
        Assert.Equal(0x500ul, sregs.Efer & 0x500); // LME and LMA: 64-bit mode without boot code
    }

    [Fact]
    public void Cr2_starts_at_the_sentinel_that_tells_page_faults_apart()
    {
        Assert.Equal(KvmFaultVector.Cr2Sentinel, Applied().Cr2);
    }

    [Fact]
    public void Code_segment_is_64_bit_user_code()
    {
        KvmSegment cs = Applied().Cs;

        Assert.Equal((ushort)0x33, cs.Selector);
        Assert.Equal((byte)11, cs.Type);
        Assert.Equal((byte)1, cs.L);
        Assert.Equal((byte)0, cs.Db); // L=1 with D/B=1 is reserved
        Assert.Equal((byte)3, cs.Dpl);
        Assert.Equal((byte)1, cs.Present);
        Assert.Equal((byte)1, cs.S);
    }

    [Fact]
    public void Data_segments_are_the_linux_user_data_selector()
    {
        KvmSregs sregs = Applied();

        foreach (KvmSegment segment in new[] { sregs.Ss, sregs.Ds, sregs.Es, sregs.Fs, sregs.Gs })
        {
            Assert.Equal((ushort)0x2B, segment.Selector);
            Assert.Equal((byte)3, segment.Type);
            Assert.Equal((byte)1, segment.Db);
            Assert.Equal((byte)0, segment.L);
            Assert.Equal((byte)3, segment.Dpl); // SS.DPL is the CPL: 3
            Assert.Equal((byte)1, segment.Present);
        }
    }

    [Fact]
    public void Descriptor_tables_point_at_the_guest_gdt_and_no_idt()
    {
        KvmSregs sregs = Applied();

        Assert.Equal(Layout.GdtBase, sregs.Gdt.Base);
        Assert.Equal((ushort)(PageTableWriter.GdtSize - 1), sregs.Gdt.Limit);
        // Every selector in use must lie inside the GDT.
        Assert.True(GuestCpuState.CodeSelector >> 3 <= sregs.Gdt.Limit / 8);
        Assert.Equal(0ul, sregs.Idt.Base);
        Assert.Equal((ushort)0, sregs.Idt.Limit);
    }

    [Fact]
    public void Fields_the_state_does_not_decide_keep_what_kvm_returned()
    {
        var sregs = new KvmSregs { ApicBase = 0xFEE0_0900, Tr = new KvmSegment { Type = 11, Present = 1, Limit = 0xFFFF } };

        KvmGuestState.Apply(ref sregs, Layout);

        Assert.Equal(0xFEE0_0900ul, sregs.ApicBase);
        Assert.Equal((byte)11, sregs.Tr.Type);
        Assert.Equal(0xFFFFu, sregs.Tr.Limit);
    }

    [Fact]
    public void Entry_registers_carry_the_entry_state_with_iopl_3()
    {
        KvmRegs regs = KvmGuestState.EntryRegisters(new VmEntryState(Rip: 0x5000, Rsp: 0x9_0ff8, Rdi: 0x1000));

        Assert.Equal(0x5000ul, regs.Rip);
        Assert.Equal(0x9_0ff8ul, regs.Rsp);
        Assert.Equal(0x1000ul, regs.Rdi);
        Assert.Equal(0x3202ul, regs.Rflags);
        Assert.Equal(3ul, (regs.Rflags >> 12) & 3); // IOPL 3: out is legal at CPL 3
        Assert.Equal(0ul, regs.Rax | regs.Rbx | regs.Rcx | regs.Rdx | regs.Rsi | regs.Rbp | regs.R8 | regs.R15);
    }

    [Fact]
    public void Star_msr_holds_the_linux_syscall_selectors()
    {
        KvmMsrEntry star = Assert.Single(KvmGuestState.Msrs.ToArray());

        Assert.Equal(0xC000_0081u, star.Index);
        Assert.Equal((0x23ul << 48) | (0x10ul << 32), star.Data);
    }

    private static KvmSregs Applied()
    {
        KvmSregs sregs = default;
        KvmGuestState.Apply(ref sregs, Layout);
        return sregs;
    }
}
