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
    [InlineData(0x6A, "i32.add")]
    [InlineData(0x8A, "i64.rotr")]
    [InlineData(0xBF, "f64.reinterpret_i64")]
    [InlineData(0xC4, "i64.extend32_s")]
    [InlineData(0xD2, "ref.func")]
    public void Mnemonics_follow_the_text_format(byte opcode, string mnemonic) =>
        Assert.Equal(mnemonic, OpcodeNames.Name(opcode));

    [Fact]
    public void Unknown_opcodes_are_described_by_their_value() =>
        Assert.Equal("unknown opcode 0x06", OpcodeNames.Describe(0x06));
}
