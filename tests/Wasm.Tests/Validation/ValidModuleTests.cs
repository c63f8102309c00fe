using Hyperlight.Wasm.Tests.Binary;
using Hyperlight.Wasm.Validation;

namespace Hyperlight.Wasm.Tests.Validation;

public class ValidModuleTests
{
    public static TheoryData<string> Corpus() => [.. CorpusModules.All];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Modules_using_every_wasm_2_instruction_are_accepted(string wat)
    {
        ValidatedModule validated = WasmModuleReader.ReadAndValidate(Wat.ToWasm(wat));

        Assert.Equal(validated.Module.Bodies.Count, validated.Functions.Count);
        Assert.All(validated.Functions, f => Assert.InRange(f.MaxControlDepth, 1, 10));
    }

    [Fact]
    public void Stack_and_nesting_depths_are_reported_per_function()
    {
        ValidatedModule validated = WasmModuleReader.ReadAndValidate(Wat.ToWasm("""
            (module
              (func)
              (func (result i32)
                i32.const 1 i32.const 2 i32.const 3 i32.add i32.add
                block (result i32) loop (result i32) i32.const 4 end end
                i32.add))
            """));

        Assert.Equal([new FunctionValidationInfo(0, 1), new FunctionValidationInfo(3, 3)], validated.Functions);
    }

    [Fact]
    public void Code_after_an_unconditional_branch_is_typed_against_a_polymorphic_stack()
    {
        ValidatedModule validated = WasmModuleReader.ReadAndValidate(Wat.ToWasm("""
            (module
              (func (param i32) (result i64)
                block (result f32)
                  unreachable
                  i32.add
                  select
                  br_table 0 0
                end
                drop
                i64.const 7
                return
                i64.add)
              (func (result funcref)
                unreachable
                ref.is_null
                drop
                br 0))
            """));

        Assert.Equal(2, validated.Functions.Count);
    }

    [Fact]
    public void Blocks_nested_up_to_the_limit_are_accepted()
    {
        // The function's own frame counts as one level.
        int depth = Hyperlight.Wasm.Binary.WasmLimits.MaxControlDepth - 1;

        ValidatedModule validated = WasmModuleReader.ReadAndValidate(NestedBlocks(depth));

        Assert.Equal(depth + 1, validated.Functions[0].MaxControlDepth);
    }

    [Fact]
    public void A_hundred_thousand_nested_blocks_are_rejected_without_exhausting_the_stack() =>
        Reject.Module(NestedBlocks(100_000), "blocks nested too deeply", "10000");

    internal static byte[] NestedBlocks(int depth)
    {
        var code = new List<byte>(depth * 3 + 1);
        for (int i = 0; i < depth; i++)
            code.AddRange([0x02, 0x40]);
        for (int i = 0; i < depth; i++)
            code.Add(0x0B);
        code.Add(0x0B);
        return WasmBytes.Module([WasmBytes.VoidTypeSection(), .. WasmBytes.OneFunction([.. code])]);
    }
}
