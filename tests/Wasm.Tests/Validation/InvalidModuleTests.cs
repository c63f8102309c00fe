using Hyperlight.Wasm.Tests.Binary;
using static Hyperlight.Wasm.Tests.Binary.WasmBytes;

namespace Hyperlight.Wasm.Tests.Validation;

/// <summary>Module-level rules: limits, index spaces, exports, start, constant expressions, segments.</summary>
public class InvalidModuleTests
{
    [Theory]
    [InlineData("(memory 65537)", "memory size must be at most 65536 pages")]
    [InlineData("(memory 1 65537)", "memory size must be at most 65536 pages")]
    [InlineData("(memory 2 1)", "memory size minimum must not be greater than maximum: minimum 2, maximum 1")]
    [InlineData("(import \"env\" \"m\" (memory 3 2))", "memory size minimum must not be greater than maximum")]
    [InlineData("(table 5 4 funcref)", "table size minimum must not be greater than maximum")]
    [InlineData("(memory 1) (memory 1)", "multiple memories are not supported")]
    [InlineData("(import \"env\" \"m\" (memory 1)) (memory 1)", "multiple memories are not supported")]
    [InlineData("(func) (export \"f\" (func 0)) (export \"f\" (func 0))", "duplicate export name \"f\"")]
    [InlineData("(export \"f\" (func 3))", "unknown function 3 in export \"f\": the module has 0")]
    [InlineData("(export \"m\" (memory 0))", "unknown memory 0 in export \"m\"")]
    [InlineData("(export \"t\" (table 0))", "unknown table 0 in export \"t\"")]
    [InlineData("(export \"g\" (global 1))", "unknown global 1 in export \"g\"")]
    [InlineData("(func (param i32)) (start 0)", "start function must have type () -> (), function 0 has type (i32) -> ()")]
    [InlineData("(func (result i32) i32.const 0) (start 0)", "start function must have type () -> ()")]
    [InlineData("(start 1)", "unknown function 1 as start function")]
    [InlineData("(import \"env\" \"f\" (func (type 4)))", "unknown type 4 for imported function env.f")]
    [InlineData("(global i32 (i64.const 0))", "type mismatch in initializer of global 0: expected i32, found i64")]
    [InlineData("(global $a i32 (i32.const 0)) (global i32 (global.get $a))", "global.get 0 reads a global defined in this module")]
    [InlineData("(import \"env\" \"g\" (global (mut i32))) (global i32 (global.get 0))", "global.get 0 reads a mutable global")]
    [InlineData("(global funcref (ref.func 2))", "unknown function 2 in ref.func of initializer of global 0")]
    [InlineData("(global externref (ref.null func))", "type mismatch in initializer of global 0: expected externref, found funcref")]
    [InlineData("(table 1 funcref) (elem (i32.const 0) externref (ref.null extern))", "type mismatch in element segment 0: its items are externref, table 0 holds funcref")]
    [InlineData("(table 1 funcref) (elem (table 3) (i32.const 0) func)", "unknown table 3 in element segment 0")]
    [InlineData("(table 1 funcref) (elem (i64.const 0) func)", "type mismatch in offset of element segment 0: expected i32, found i64")]
    [InlineData("(elem funcref (ref.null extern))", "type mismatch in item 0 of element segment 0: expected funcref, found externref")]
    [InlineData("(elem func 7)", "unknown function 7 in ref.func of item 0 of element segment 0")]
    [InlineData("(data (i32.const 0) \"x\")", "unknown memory 0 in data segment 0")]
    [InlineData("(memory 1) (data (f32.const 0) \"x\")", "type mismatch in offset of data segment 0: expected i32, found f32")]
    public void Invalid_declarations_are_rejected(string fields, string message) =>
        Reject.Text($"(module {fields})", message);

    [Fact]
    public void A_data_segment_may_not_name_a_second_memory() =>
        Reject.Module(Module(Section(5, Vec([0x00, 0x01])), Section(11, Vec(Concat([0x02, 0x01, 0x41, 0x00, 0x0B], Vec())))), "unknown memory 1 in data segment 0");

    [Fact]
    public void Errors_found_after_decoding_still_point_at_the_declaration()
    {
        byte[] bytes = Wat.ToWasm("(module (func) (export \"a\" (func 0)) (export \"a\" (func 0)))");
        int second = bytes.AsSpan().LastIndexOf("\u0001a"u8);

        var error = Reject.Module(bytes, "duplicate export name");

        Assert.Equal(second, error.ByteOffset);
    }

    [Fact]
    public void Too_many_tables_are_rejected()
    {
        byte[] table = [0x70, 0x00, 0x00];
        Reject.Module(Module(Section(4, Vec(Enumerable.Repeat(table, 101).ToArray()))), "too many tables", "100");
    }

    [Fact]
    public void A_global_get_of_an_unknown_global_in_a_constant_is_rejected() =>
        Reject.Module(Module(Section(6, Vec([0x7F, 0x00, 0x23, 0x05, 0x0B]))), "unknown global 5 in global initializer");
}
