using Hyperlight.Vm.Kvm;
using Hyperlight.Vm.Kvm.Abi;

namespace Hyperlight.Tests.Kvm;

/// <summary>Finding the exception behind a triple fault, from KVM's events or the evidence the CPU leaves.</summary>
public sealed class KvmFaultVectorTests
{
    private static readonly byte[] Ud2 = [0x0F, 0x0B];
    private static readonly byte[] DivEcx = [0xF7, 0xF1];
    private static readonly byte[] IdivQwordRax = [0x48, 0xF7, 0x38];
    private static readonly byte[] MovRaxFromRax = [0x48, 0x8B, 0x00];
    private static readonly byte[] Hlt = [0xF4];

    [Fact]
    public void Recorded_exception_wins()
    {
        var events = new KvmVcpuEvents { ExceptionInjected = 1, ExceptionNr = 13 };

        Assert.Equal(13, KvmFaultVector.Find(events, cr2: 0x5000, Ud2));
    }

    [Fact]
    public void Pending_divide_error_is_vector_0()
    {
        Assert.Equal(0, KvmFaultVector.Find(new KvmVcpuEvents { ExceptionPending = 1, ExceptionNr = 0 }, KvmFaultVector.Cr2Sentinel, MovRaxFromRax));
    }

    [Theory]
    [InlineData(0x5000ul)]
    [InlineData(0ul)] // a fault at address 0 is still a page fault: only the sentinel means "no #PF"
    [InlineData(0xFFFF_8000_0000_0000ul)]
    public void Changed_cr2_means_a_page_fault(ulong cr2)
    {
        Assert.Equal(14, KvmFaultVector.Find(default, cr2, MovRaxFromRax));
    }

    [Fact]
    public void Ud2_at_rip_is_an_invalid_opcode()
    {
        Assert.Equal(6, KvmFaultVector.Find(default, KvmFaultVector.Cr2Sentinel, Ud2));
    }

    [Fact]
    public void Bytes_that_decode_to_no_instruction_are_an_invalid_opcode()
    {
        Assert.Equal(6, KvmFaultVector.Find(default, KvmFaultVector.Cr2Sentinel, [0x06])); // push es: gone in 64-bit mode
    }

    [Fact]
    public void Ud0_is_an_invalid_opcode_too()
    {
        Assert.Equal(6, KvmFaultVector.Find(default, KvmFaultVector.Cr2Sentinel, [0x0F, 0xFF, 0xC0]));
    }

    [Theory]
    [MemberData(nameof(Divisions))]
    public void Division_at_rip_without_a_page_fault_is_a_divide_error(byte[] code)
    {
        Assert.Equal(0, KvmFaultVector.Find(default, KvmFaultVector.Cr2Sentinel, code));
    }

    public static TheoryData<byte[]> Divisions => new() { DivEcx, IdivQwordRax };

    [Fact]
    public void Other_instructions_leave_the_vector_unknown()
    {
        Assert.Equal(-1, KvmFaultVector.Find(default, KvmFaultVector.Cr2Sentinel, Hlt));
        Assert.Equal(-1, KvmFaultVector.Find(default, KvmFaultVector.Cr2Sentinel, MovRaxFromRax));
    }

    [Fact]
    public void Rip_outside_guest_memory_leaves_the_vector_unknown()
    {
        Assert.Equal(-1, KvmFaultVector.Find(default, KvmFaultVector.Cr2Sentinel, []));
    }
}
