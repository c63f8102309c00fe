using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Kvm;
using Hyperlight.Vm.Kvm.Abi;

namespace Hyperlight.Tests.Kvm;

/// <summary>Exit decoding from <c>kvm_run</c>, fed by a fake kvm_run so every exit kind is covered without KVM.</summary>
public sealed unsafe class KvmExitDecoderTests : IDisposable
{
    private readonly FakeKvmRun _fake = new();

    public void Dispose() => _fake.Dispose();

    [Theory]
    [InlineData(1, new byte[] { 0x2A }, 0x2Au)]
    [InlineData(2, new byte[] { 0x34, 0x12 }, 0x1234u)]
    [InlineData(4, new byte[] { 0x78, 0x56, 0x34, 0x12 }, 0x1234_5678u)]
    public void Single_out_decodes_port_and_value(byte size, byte[] data, uint expected)
    {
        _fake.SetIo(KvmIoDirection.Out, IoPorts.HostCall, size, 1, data);

        Assert.True(KvmExitDecoder.TryDecodeOut(_fake.Run, FakeKvmRun.MappingLength, out VmExit exit));
        Assert.Equal(VmExitKind.IoOut, exit.Kind);
        Assert.Equal(IoPorts.HostCall, exit.Port);
        Assert.Equal(expected, exit.Value);
    }

    [Fact]
    public void Byte_out_reads_only_its_byte()
    {
        _fake.SetIo(KvmIoDirection.Out, IoPorts.Return, 1, 1, [0x01, 0xFF, 0xFF, 0xFF]);

        Assert.True(KvmExitDecoder.TryDecodeOut(_fake.Run, FakeKvmRun.MappingLength, out VmExit exit));
        Assert.Equal(1u, exit.Value);
    }

    [Fact]
    public void In_is_not_an_out()
    {
        _fake.SetIo(KvmIoDirection.In, IoPorts.Return, 1, 1, [0]);

        Assert.False(KvmExitDecoder.TryDecodeOut(_fake.Run, FakeKvmRun.MappingLength, out _));
    }

    [Fact]
    public void String_out_is_not_a_plain_out()
    {
        _fake.SetIo(KvmIoDirection.Out, IoPorts.Return, 1, 16, new byte[16]);

        Assert.False(KvmExitDecoder.TryDecodeOut(_fake.Run, FakeKvmRun.MappingLength, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    public void Impossible_access_size_is_refused(byte size)
    {
        _fake.SetIo(KvmIoDirection.Out, IoPorts.Return, size, 1, new byte[8]);

        Assert.False(KvmExitDecoder.TryDecodeOut(_fake.Run, FakeKvmRun.MappingLength, out _));
    }

    [Theory]
    [InlineData(FakeKvmRun.MappingLength - 3ul)] // straddles the end
    [InlineData(FakeKvmRun.MappingLength)]
    [InlineData(ulong.MaxValue - 1)]             // would wrap around
    public void Data_offset_outside_the_mapping_is_refused(ulong dataOffset)
    {
        _fake.SetIo(KvmIoDirection.Out, IoPorts.Return, 4, 1, [], dataOffset);

        Assert.False(KvmExitDecoder.TryDecodeOut(_fake.Run, FakeKvmRun.MappingLength, out _));
    }

    [Fact]
    public void Data_at_the_very_end_of_the_mapping_is_read()
    {
        _fake.SetIo(KvmIoDirection.Out, IoPorts.Trap, 4, 1, [1, 0, 0, 0], FakeKvmRun.MappingLength - 4);

        Assert.True(KvmExitDecoder.TryDecodeOut(_fake.Run, FakeKvmRun.MappingLength, out VmExit exit));
        Assert.Equal(1u, exit.Value);
    }

    [Fact]
    public void Other_exit_reasons_are_not_outs()
    {
        _fake.SetIo(KvmIoDirection.Out, IoPorts.Return, 1, 1, [0]);
        _fake.Run->ExitReason = KvmExitReason.Shutdown;

        Assert.False(KvmExitDecoder.TryDecodeOut(_fake.Run, FakeKvmRun.MappingLength, out _));
    }

    [Fact]
    public void Shutdown_is_a_fault_with_rip_and_vector()
    {
        _fake.Run->ExitReason = KvmExitReason.Shutdown;

        VmExit exit = KvmExitDecoder.DescribeCrash(_fake.Run, rip: 0x3010, vector: 14);

        Assert.Equal(VmExitKind.Fault, exit.Kind);
        Assert.Equal(0x3010ul, exit.Rip);
        Assert.Equal(14, exit.Vector);
        Assert.Contains("#PF", exit.Description, StringComparison.Ordinal);
        Assert.Contains("0x3010", exit.Description, StringComparison.Ordinal);
        Assert.Contains("KVM_EXIT_SHUTDOWN", exit.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Shutdown_with_vector_0_names_the_divide_error()
    {
        _fake.Run->ExitReason = KvmExitReason.Shutdown;

        VmExit exit = KvmExitDecoder.DescribeCrash(_fake.Run, rip: 0x3000, vector: 0);

        Assert.Equal(0, exit.Vector);
        Assert.Contains("#DE", exit.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Shutdown_with_an_unknown_vector_says_so()
    {
        _fake.Run->ExitReason = KvmExitReason.Shutdown;

        VmExit exit = KvmExitDecoder.DescribeCrash(_fake.Run, rip: 0x3000, vector: -1);

        Assert.Equal(VmExitKind.Fault, exit.Kind);
        Assert.Equal(-1, exit.Vector);
        Assert.Contains("did not record", exit.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Hlt_is_a_halt()
    {
        _fake.Run->ExitReason = KvmExitReason.Hlt;

        VmExit exit = KvmExitDecoder.DescribeCrash(_fake.Run, rip: 0x3004, vector: -1);

        Assert.Equal(VmExitKind.Halted, exit.Kind);
        Assert.Equal(0x3004ul, exit.Rip);
    }

    [Fact]
    public void In_from_a_port_is_unexpected_and_names_the_port()
    {
        _fake.SetIo(KvmIoDirection.In, 0x60, 1, 1, [0]);

        VmExit exit = KvmExitDecoder.DescribeCrash(_fake.Run, rip: 0x3000, vector: -1);

        Assert.Equal(VmExitKind.Unexpected, exit.Kind);
        Assert.Equal((ulong)KvmExitReason.Io, exit.Detail);
        Assert.Contains("port 0x60", exit.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Mmio_is_unexpected_with_the_address()
    {
        _fake.Run->ExitReason = KvmExitReason.Mmio;
        _fake.Run->Mmio = new KvmRunMmio { PhysAddr = 0xFEE0_0000, Len = 4, IsWrite = 1 };

        VmExit exit = KvmExitDecoder.DescribeCrash(_fake.Run, rip: 0x3000, vector: -1);

        Assert.Equal(VmExitKind.Unexpected, exit.Kind);
        Assert.Equal(0xFEE0_0000ul, exit.Detail);
        Assert.Contains("wrote 4 byte(s) at guest-physical 0xfee00000", exit.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_entry_carries_the_hardware_reason()
    {
        _fake.Run->ExitReason = KvmExitReason.FailEntry;
        _fake.Run->FailEntry = new KvmRunFailEntry { HardwareEntryFailureReason = 0x21 };

        VmExit exit = KvmExitDecoder.DescribeCrash(_fake.Run, rip: 0, vector: -1);

        Assert.Equal(VmExitKind.Unexpected, exit.Kind);
        Assert.Equal(0x21ul, exit.Detail);
        Assert.Contains("KVM_EXIT_FAIL_ENTRY", exit.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Emulation_failure_is_named()
    {
        _fake.Run->ExitReason = KvmExitReason.InternalError;
        _fake.Run->Internal.Suberror = 1;

        VmExit exit = KvmExitDecoder.DescribeCrash(_fake.Run, rip: 0x3000, vector: -1);

        Assert.Equal(VmExitKind.Unexpected, exit.Kind);
        Assert.Equal(1ul, exit.Detail);
        Assert.Contains("emulation failure", exit.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_exit_reason_is_unexpected_with_its_number()
    {
        _fake.Run->ExitReason = (KvmExitReason)0x7F;

        VmExit exit = KvmExitDecoder.DescribeCrash(_fake.Run, rip: 0x3000, vector: -1);

        Assert.Equal(VmExitKind.Unexpected, exit.Kind);
        Assert.Equal(0x7Ful, exit.Detail);
        Assert.Contains("127", exit.Description, StringComparison.Ordinal);
    }
}
