using Hyperlight.Wasm.Binary;

namespace Hyperlight.Wasm.Tests.Binary;

public class OpcodeNamesTests
{
    [Fact]
    public void Every_wasm_2_instruction_has_a_mnemonic_and_nothing_else_does()
    {
        Opcode[] prefixes = [Opcode.MiscPrefix, Opcode.SimdPrefix, Opcode.AtomicPrefix];
        HashSet<byte> instructions = [.. Enum.GetValues<Opcode>().Except(prefixes).Select(o => (byte)o)];

        for (int opcode = 0; opcode < 256; opcode++)
            Assert.True(instructions.Contains((byte)opcode) == (OpcodeNames.Name((byte)opcode) is not null), $"opcode 0x{opcode:x2}");
        Assert.All(Enum.GetValues<MiscOpcode>(), o => Assert.NotNull(OpcodeNames.MiscName((uint)o)));
        Assert.Null(OpcodeNames.MiscName((uint)MiscOpcode.TableFill + 1));
    }

    [Theory]
    [InlineData(Opcode.I32Add, "i32.add")]
    [InlineData(Opcode.I64Rotr, "i64.rotr")]
    [InlineData(Opcode.F64ReinterpretI64, "f64.reinterpret_i64")]
    [InlineData(Opcode.I64Extend32S, "i64.extend32_s")]
    [InlineData(Opcode.RefFunc, "ref.func")]
    public void Mnemonics_follow_the_text_format(Opcode opcode, string mnemonic) =>
        Assert.Equal(mnemonic, OpcodeNames.Name((byte)opcode));

    [Fact]
    public void Unknown_opcodes_are_described_by_their_value() =>
        Assert.Equal("unknown opcode 0x06", OpcodeNames.Describe(0x06));
}
