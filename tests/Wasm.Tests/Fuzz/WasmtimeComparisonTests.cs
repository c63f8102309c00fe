using Hyperlight.Wasm.Tests.Binary;
using Hyperlight.Wasm.Tests.Validation;
using Hyperlight.Wasm.Validation;
using Engine = Wasmtime.Engine;
using static Hyperlight.Wasm.Tests.Binary.WasmBytes;

namespace Hyperlight.Wasm.Tests.Fuzz;

/// <summary>
/// Pins down where our reader and the Wasmtime oracle are meant to agree at the edges, and the few
/// places where they are meant to differ, so a change on either side shows up here.
/// </summary>
public sealed class WasmtimeComparisonTests : IDisposable
{
    private readonly Engine _engine = new(DifferentialFuzzTests.Wasm2Config());

    [Theory]
    [InlineData("(module (memory 2) (memory 1))", "multiple memories")]
    [InlineData("(module (memory 1 1 shared))", "shared memories")]
    [InlineData("(module (func (drop (v128.const i64x2 0 0))))", "SIMD")]
    [InlineData("(module (func return_call 0))", "opcode 0x12")]
    [InlineData("(module (func (result i64) i64.const 1 i64.const 2 i64.const 3 i64.const 4 i64.add128 drop drop))", "0xfc 19")]
    public void Post_2_0_features_are_refused_by_both(string wat, string ourMessage)
    {
        byte[] bytes = Wat.ToWasm(wat);

        Assert.NotNull(global::Wasmtime.Module.Validate(_engine, bytes));
        Reject.Module(bytes, ourMessage);
    }

    [Fact]
    public void A_table_of_any_u32_size_is_valid_in_both_because_it_is_only_allocated_when_instantiated()
    {
        byte[] bytes = Wat.ToWasm("(module (table 4294967295 funcref))");

        Assert.Null(global::Wasmtime.Module.Validate(_engine, bytes));
        Assert.Single(WasmModuleReader.ReadAndValidate(bytes).Module.Tables);
    }

    [Fact]
    public void A_malformed_name_section_is_ignored_by_both()
    {
        byte[] bytes = Module(Section(0, Name("name"), [0x01, 0x7F, 0x00]));

        Assert.Null(global::Wasmtime.Module.Validate(_engine, bytes));
        WasmModuleReader.ReadAndValidate(bytes);
    }

    /// <summary>
    /// memory.size and memory.grow take a literal zero byte, while the bulk-memory instructions take a
    /// u32 memory index that must be 0; a padded LEB zero (0x80 0x00) shows which is which.
    /// </summary>
    [Theory]
    [InlineData(new byte[] { 0x3F, 0x80, 0x00, 0x1A }, false)]
    [InlineData(new byte[] { 0x41, 0x00, 0x40, 0x80, 0x00, 0x1A }, false)]
    [InlineData(new byte[] { 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0A, 0x80, 0x00, 0x00 }, true)]
    [InlineData(new byte[] { 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0B, 0x80, 0x00 }, true)]
    [InlineData(new byte[] { 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x80, 0x00 }, true)]
    [InlineData(new byte[] { 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0B, 0x01 }, false)]
    public void Memory_indices_are_read_the_way_wasmtime_reads_them(byte[] code, bool valid)
    {
        byte[] bytes = Module(
            VoidTypeSection(),
            Section(3, Vec([0x00])),
            Section(5, Vec([0x00, 0x01])),
            Section(12, Leb(1)),
            Section(10, Vec(Body([.. code, 0x0B]))),
            Section(11, Vec(Concat([0x01], Vec([0x2A])))));

        Assert.Equal(valid, global::Wasmtime.Module.Validate(_engine, bytes) is null);
        if (valid)
            WasmModuleReader.ReadAndValidate(bytes);
        else
            Reject.Module(bytes, "memory");
    }

    /// <summary>
    /// Intended difference: Wasmtime 50 enables the extended-constant-expressions proposal (Wasm 3.0)
    /// and the .NET API cannot turn it off; Wasm 2.0 allows one constant instruction.
    /// </summary>
    [Fact]
    public void Extended_constant_expressions_are_accepted_by_wasmtime_only()
    {
        byte[] bytes = Wat.ToWasm("(module (global i32 (i32.add (i32.const 1) (i32.const 2))))");

        Assert.Null(global::Wasmtime.Module.Validate(_engine, bytes));
        Reject.Module(bytes, "constant expression required in global initializer");
    }

    /// <summary>Intended difference: we bound block nesting so the validator and the compiler keep small control stacks.</summary>
    [Fact]
    public void Nesting_deeper_than_our_bound_is_accepted_by_wasmtime_only()
    {
        byte[] bytes = ValidModuleTests.NestedBlocks(Hyperlight.Wasm.Binary.WasmLimits.MaxControlDepth);

        Assert.Null(global::Wasmtime.Module.Validate(_engine, bytes));
        Reject.Module(bytes, "blocks nested too deeply");
    }

    /// <summary>
    /// Intended difference: we bound the operand stack. Here 200 unreachable blocks, each leaving
    /// 1,000 results, pile up 200,000 values in under a kilobyte of code.
    /// </summary>
    [Fact]
    public void An_operand_stack_deeper_than_our_bound_is_accepted_by_wasmtime_only()
    {
        byte[] thousandResults = Concat([0x60, 0x00], Leb(1000), Enumerable.Repeat((byte)0x7F, 1000).ToArray());
        byte[] unreachableBlock = [0x02, 0x01, 0x00, 0x0B];
        byte[] code = Concat([.. Enumerable.Repeat(unreachableBlock, 200).SelectMany(b => b)], [0x00, 0x0B]);
        byte[] bytes = Module(Section(1, Vec([0x60, 0x00, 0x00], thousandResults)), Section(3, Vec([0x00])), Section(10, Vec(Body(code))));

        Assert.Null(global::Wasmtime.Module.Validate(_engine, bytes));
        Reject.Module(bytes, "operand stack too deep", "100000");
    }

    public void Dispose() => _engine.Dispose();
}
