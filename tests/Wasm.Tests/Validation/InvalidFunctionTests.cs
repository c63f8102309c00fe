using Hyperlight.Wasm.Tests.Binary;

namespace Hyperlight.Wasm.Tests.Validation;

/// <summary>Function bodies that break the typing rules; each error must name the instruction and the problem.</summary>
public class InvalidFunctionTests
{
    private const string Context = """
        (type $pair (func (param i32 i64) (result f32)))
        (import "env" "fixed" (global $fixed i32))
        (memory 1)
        (table $funcs 1 funcref)
        (table $externs 1 externref)
        (global $counter (mut i32) (i32.const 0))
        (elem $segment func $declared)
        (func $declared)
        """;

    [Theory]
    [InlineData("(func (result i32) f64.const 1 i32.const 1 i32.add)", "type mismatch in i32.add: expected i32, found f64")]
    [InlineData("(func i32.add drop)", "type mismatch in i32.add: expected i32, but the operand stack of the enclosing block is empty")]
    [InlineData("(func (result i64) i32.const 0)", "type mismatch in end: expected i64, found i32")]
    [InlineData("(func i32.const 0)", "type mismatch in end: the block leaves 1 more values on the stack")]
    [InlineData("(func (param f32) local.get 0 i64.eqz drop)", "type mismatch in i64.eqz: expected i64, found f32")]
    [InlineData("(func (param i32) local.get 0 f64.sqrt drop)", "type mismatch in f64.sqrt: expected f64, found i32")]
    [InlineData("(func (param i64) local.get 0 i32.wrap_i64 i64.extend_i32_s f32.demote_f64 drop)", "type mismatch in f32.demote_f64: expected f64, found i64")]
    [InlineData("(func (param i64) local.get 0 i32.trunc_sat_f32_s drop)", "type mismatch in i32.trunc_sat_f32_s: expected f32, found i64")]
    [InlineData("(func (param i32) local.get 0 i64.extend32_s drop)", "type mismatch in i64.extend32_s: expected i64, found i32")]
    [InlineData("(func local.get 0 drop)", "unknown local 0 in local.get")]
    [InlineData("(func (param i32) f32.const 0 local.set 0)", "type mismatch in local.set: expected i32, found f32")]
    [InlineData("(func (param i32) (local i64) i32.const 0 local.tee 1 drop)", "type mismatch in local.tee: expected i64, found i32")]
    [InlineData("(func i32.const 1 global.set $fixed)", "global.set of immutable global 0")]
    [InlineData("(func i64.const 1 global.set $counter)", "type mismatch in global.set: expected i32, found i64")]
    [InlineData("(func global.get 9 drop)", "unknown global 9 in global.get")]
    [InlineData("(func block (result i32) end drop)", "type mismatch in end: expected i32, but the operand stack of the enclosing block is empty")]
    [InlineData("(func i32.const 1 if (result i32) i32.const 1 end drop)", "type mismatch in if without else")]
    [InlineData("(func i32.const 1 if (result i32) i32.const 1 else f32.const 1 end drop)", "type mismatch in end: expected i32, found f32")]
    [InlineData("(func f32.const 1 if end)", "type mismatch in if: expected i32, found f32")]
    [InlineData("(func loop (result i32) i64.const 0 end drop)", "type mismatch in end: expected i32, found i64")]
    [InlineData("(func (result i32) i32.const 0 loop (param i32) (result i32) drop br 0 end)", "type mismatch in br: expected i32, but the operand stack of the enclosing block is empty")]
    [InlineData("(func block (result f32) i32.const 0 br 0 end drop)", "type mismatch in br: expected f32, found i32")]
    [InlineData("(func br 1)", "unknown label 1 in br: only 1 enclosing blocks")]
    [InlineData("(func block (result i32) f32.const 1 i32.const 0 br_if 0 end drop)", "type mismatch in br_if: expected i32, found f32")]
    [InlineData("(func (result i32) block (result i64) i32.const 1 i32.const 0 br_table 0 1 end)", "type mismatch in br_table: expected i64, found i32")]
    [InlineData("(func block (result i32) block i32.const 0 i32.const 0 br_table 0 1 end end)", "type mismatch in br_table: target 0 takes 0 values, the default target 1")]
    [InlineData("(func (result i32) f32.const 0 return)", "type mismatch in return: expected i32, found f32")]
    [InlineData("(func i32.const 0 call $declared)", "type mismatch in end: the block leaves 1 more values")]
    [InlineData("(func call 99)", "unknown function 99 in call")]
    [InlineData("(func i64.const 1 i32.const 2 i32.const 0 call_indirect $funcs (type $pair) drop)", "type mismatch in call_indirect: expected i64, found i32")]
    [InlineData("(func i32.const 0 call_indirect $externs (type 0))", "call_indirect: table 1 holds externref, not funcref")]
    [InlineData("(func i32.const 0 call_indirect (type 9))", "unknown type 9 in call_indirect")]
    [InlineData("(func i32.const 1 f32.const 2 i32.const 0 select drop)", "type mismatch in select: both operands must have the same type, found i32 and f32")]
    [InlineData("(func ref.null func ref.null func i32.const 0 select drop)", "the untyped select needs numeric operands, found funcref")]
    [InlineData("(func ref.null func ref.null extern i32.const 0 select (result funcref) drop)", "type mismatch in select: expected funcref, found externref")]
    [InlineData("(func i32.const 0 ref.is_null drop)", "type mismatch in ref.is_null: expected a reference, found i32")]
    [InlineData("(func ref.func 0 drop ref.func 1 drop)", "undeclared function reference: ref.func 1")]
    [InlineData("(func i64.const 0 i32.load drop)", "type mismatch in i32.load: expected i32, found i64")]
    [InlineData("(func i32.const 0 i32.load align=8 drop)", "alignment must not be larger than natural: i32.load allows at most 2^2, found 2^3")]
    [InlineData("(func i32.const 0 i64.load16_s align=4 drop)", "alignment must not be larger than natural: i64.load16_s allows at most 2^1")]
    [InlineData("(func i32.const 0 i32.const 0 i64.store)", "type mismatch in i64.store: expected i64, found i32")]
    [InlineData("(func f32.const 0 memory.grow drop)", "type mismatch in memory.grow: expected i32, found f32")]
    [InlineData("(func i32.const 0 i32.const 0 f32.const 0 memory.fill)", "type mismatch in memory.fill: expected i32, found f32")]
    [InlineData("(func i32.const 0 i32.const 0 i32.const 0 table.init $funcs 5)", "unknown element segment 5 in table.init")]
    [InlineData("(func i32.const 0 i32.const 0 i32.const 0 table.init $externs $segment)", "type mismatch in table.init: table 1 holds externref, the element segment holds funcref")]
    [InlineData("(func i32.const 0 i32.const 0 i32.const 0 table.copy $externs $funcs)", "type mismatch in table.copy: destination table 1 holds externref, source table 0 holds funcref")]
    [InlineData("(func ref.null func i32.const 1 table.grow $externs drop)", "type mismatch in table.grow: expected externref, found funcref")]
    [InlineData("(func i32.const 0 ref.null extern i32.const 1 table.fill $funcs)", "type mismatch in table.fill: expected funcref, found externref")]
    [InlineData("(func i32.const 0 table.get 7 drop)", "unknown table 7 in table.get")]
    [InlineData("(func i32.const 0 ref.null func table.set $externs)", "type mismatch in table.set: expected externref, found funcref")]
    [InlineData("(func elem.drop 3)", "unknown element segment 3 in elem.drop")]
    public void Ill_typed_bodies_are_rejected_with_the_instruction_and_types_named(string function, string message)
    {
        var error = Reject.Text($"(module {Context} {function})", message);
        Assert.Contains("in function 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(memory 1) (data $d \"x\") (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1))) ", new byte[] { 0xFC, 0x08 }, "data count section required: memory.init")]
    [InlineData("(data $d \"x\") (func (data.drop $d))", new byte[] { 0xFC, 0x09 }, "data count section required: data.drop")]
    public void Data_segment_instructions_need_the_data_count_section(string fields, byte[] instruction, string message)
    {
        byte[] bytes = Wat.ToWasm($"(module {fields})");
        byte[] withoutDataCount = RemoveSection(bytes, sectionId: 12);
        Assert.True(withoutDataCount.AsSpan().IndexOf(instruction) > 0);

        Reject.Module(withoutDataCount, message);
    }

    [Theory]
    [InlineData(new byte[] { 0x3F, 0x01, 0x1A, 0x0B }, "zero byte expected in memory.size")]
    [InlineData(new byte[] { 0xFD, 0x0C, 0x0B }, "SIMD instructions (0xfd prefix) are not supported")]
    [InlineData(new byte[] { 0xFE, 0x00, 0x0B }, "atomic instructions (threads proposal, 0xfe prefix) are not supported")]
    [InlineData(new byte[] { 0x06, 0x0B }, "unknown opcode 0x06")]
    [InlineData(new byte[] { 0x12, 0x00, 0x0B }, "unknown opcode 0x12")]
    [InlineData(new byte[] { 0xFC, 0x12, 0x0B }, "unknown instruction 0xfc 18")]
    [InlineData(new byte[] { 0x05, 0x0B }, "else without a matching if")]
    [InlineData(new byte[] { 0x02, 0x60, 0x0B, 0x0B }, "malformed block type")]
    [InlineData(new byte[] { 0x02, 0x05, 0x0B, 0x0B }, "unknown type 5 in the block type of block")]
    [InlineData(new byte[] { 0x41, 0x00, 0x1C, 0x02, 0x7F, 0x7F, 0x1A, 0x0B }, "typed select takes exactly 1 type, found 2")]
    [InlineData(new byte[] { 0x0B, 0x01, 0x0B }, "operators remaining after the end of function 0")]
    [InlineData(new byte[] { 0x01 }, "unexpected end", "the end (0x0b) that closes the function body")]
    public void Malformed_or_unsupported_instructions_are_rejected(byte[] code, params string[] messages)
    {
        byte[] bytes = WasmBytes.Module(
            WasmBytes.VoidTypeSection(),
            WasmBytes.Section(3, WasmBytes.Vec([0x00])),
            WasmBytes.Section(5, WasmBytes.Vec([0x00, 0x01])),
            WasmBytes.Section(10, WasmBytes.Vec(WasmBytes.Body(code))));

        Reject.Module(bytes, messages);
    }

    private static byte[] RemoveSection(byte[] module, byte sectionId) =>
        WasmBytes.Concat([WasmBytes.Header, .. WasmBytes.SectionExtents(module).Where(s => module[s.Start] != sectionId).Select(s => module[s.Start..s.End])]);
}
