using Hyperlight.Wasm.Validation;
using static Hyperlight.Wasm.Tests.Binary.WasmBytes;
using Engine = Wasmtime.Engine;

namespace Hyperlight.Wasm.Tests.Fuzz;

/// <summary>
/// Exhaustive differential checks of the fixed instruction signatures: every numeric, conversion and
/// memory instruction is tried with every combination of operand types (and result type, alignment),
/// and our verdict must equal Wasmtime's. This checks the signature tables cell by cell, which
/// random mutation reaches only by chance.
/// </summary>
public sealed class InstructionSignatureDifferentialTests : IDisposable
{
    /// <summary>Value types by binary encoding, in the order of the test function's parameters.</summary>
    private static readonly byte[] NumericTypes = [0x7F, 0x7E, 0x7D, 0x7C];

    private readonly Engine _engine = new(DifferentialFuzzTests.Wasm2Config());

    [Fact]
    public void Numeric_instructions_accept_exactly_the_operand_and_result_types_wasmtime_accepts()
    {
        var instructions = new List<byte[]>();
        for (int opcode = 0x45; opcode <= 0xC4; opcode++)
            instructions.Add([(byte)opcode]);
        for (byte sub = 0; sub <= 7; sub++)
            instructions.Add([0xFC, sub]);

        var mismatches = new List<string>();
        foreach (byte[] instruction in instructions)
        {
            foreach (byte result in NumericTypes)
            {
                for (int first = 0; first < 4; first++)
                {
                    Compare(result, Concat([0x20, (byte)first], instruction), mismatches);
                    for (int second = 0; second < 4; second++)
                        Compare(result, Concat([0x20, (byte)first, 0x20, (byte)second], instruction), mismatches);
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(10)));
    }

    [Fact]
    public void Loads_and_stores_accept_exactly_the_operands_and_alignments_wasmtime_accepts()
    {
        var mismatches = new List<string>();
        for (byte opcode = 0x28; opcode <= 0x3E; opcode++)
        {
            bool isStore = opcode >= 0x36;
            for (byte alignment = 0; alignment <= 4; alignment++)
            {
                for (int address = 0; address < 4; address++)
                {
                    for (int value = 0; value < 4; value++)
                    {
                        byte[] code = isStore
                            ? [0x20, (byte)address, 0x20, (byte)value, opcode, alignment, 0x00]
                            : [0x20, (byte)address, opcode, alignment, 0x00];
                        Compare(NumericTypes[value], code, mismatches, withMemory: true, resultFromStack: !isStore);
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(10)));
    }

    /// <summary>
    /// Builds (func (param i32 i64 f32 f64) (result <paramref name="result"/>)) around the code; for a
    /// store the function returns a default constant instead, since the store leaves nothing.
    /// </summary>
    private void Compare(byte result, byte[] code, List<string> mismatches, bool withMemory = false, bool resultFromStack = true)
    {
        byte[] body = resultFromStack ? [.. code, 0x0B] : [.. code, .. DefaultConstant(result), 0x0B];
        byte[] type = Concat([0x60], Vec([.. NumericTypes.Select(t => new[] { t })]), Vec([result]));
        byte[] module = Module(
            Section(1, Vec(type)),
            Section(3, Vec([0x00])),
            withMemory ? Section(5, Vec([0x00, 0x01])) : [],
            Section(10, Vec(Body(body))));

        bool theirs = global::Wasmtime.Module.Validate(_engine, module) is null;
        bool ours;
        try
        {
            WasmModuleReader.ReadAndValidate(module);
            ours = true;
        }
        catch (WasmCompileException)
        {
            ours = false;
        }

        if (ours != theirs)
            mismatches.Add($"code {Convert.ToHexString(code)} with result 0x{result:x2}: ours {(ours ? "valid" : "invalid")}, wasmtime {(theirs ? "valid" : "invalid")}");
    }

    private static byte[] DefaultConstant(byte type) => type switch
    {
        0x7F => [0x41, 0x00],
        0x7E => [0x42, 0x00],
        0x7D => [0x43, 0, 0, 0, 0],
        _ => [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
    };

    public void Dispose() => _engine.Dispose();
}
