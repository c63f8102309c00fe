using Hyperlight.Wasm.Binary;
using Hyperlight.Wasm.Model;
using Hyperlight.Wasm.Validation;
using static Hyperlight.Wasm.Tests.Binary.WasmBytes;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Tests.Binary;

public class WasmParserTests
{
    private const string DeclarationsModule = """
        (module
          (type $binary (func (param i32 i64) (result f64)))
          (type $void (func))
          (import "env" "log" (func $log (param i32)))
          (import "env" "table" (table 2 10 externref))
          (import "env" "memory" (memory 1 3))
          (import "env" "base" (global $base i32))
          (import "env" "counter" (global $counter (mut i64)))
          (func $combine (type $binary) f64.const 1.5)
          (func $init (type $void))
          (table $funcs 4 funcref)
          (global $pi f64 (f64.const 3.25))
          (global $flags (mut i32) (i32.const -2))
          (global $copy i32 (global.get $base))
          (global $nothing externref (ref.null extern))
          (global $self funcref (ref.func $init))
          (export "combine" (func $combine))
          (export "mem" (memory 0))
          (export "funcs" (table $funcs))
          (export "pi" (global $pi))
          (start $init))
        """;

    [Fact]
    public void Types_imports_and_definitions_decode_into_the_model()
    {
        WasmModule module = WasmParser.Parse(Wat.ToWasm(DeclarationsModule));

        Assert.Equal(new FunctionType([ValueType.I32, ValueType.I64], [ValueType.F64]), module.Types[0]);
        Assert.Equal(new FunctionType([], []), module.Types[1]);
        Assert.Equal(
            [
                new Import("env", "log", ExternalKind.Function, FunctionTypeIndex: 2),
                new Import("env", "table", ExternalKind.Table, Table: new TableType(ValueType.ExternRef, new Limits(2, 10))),
                new Import("env", "memory", ExternalKind.Memory, Memory: new MemoryType(new Limits(1, 3))),
                new Import("env", "base", ExternalKind.Global, Global: new GlobalType(ValueType.I32, false)),
                new Import("env", "counter", ExternalKind.Global, Global: new GlobalType(ValueType.I64, true)),
            ],
            module.Imports);
        Assert.Equal([0u, 1u], module.FunctionTypeIndices);
        Assert.Equal([new TableType(ValueType.FuncRef, new Limits(4, null))], module.Tables);
        Assert.Empty(module.Memories);
        Assert.Equal(
            [
                new Global(new GlobalType(ValueType.F64, false), new ConstantExpression(ConstantKind.F64Const, ValueType.F64, BitConverter.DoubleToUInt64Bits(3.25))),
                new Global(new GlobalType(ValueType.I32, true), new ConstantExpression(ConstantKind.I32Const, ValueType.I32, 0xFFFF_FFFE)),
                new Global(new GlobalType(ValueType.I32, false), new ConstantExpression(ConstantKind.GlobalGet, ValueType.I32, 0)),
                new Global(new GlobalType(ValueType.ExternRef, false), new ConstantExpression(ConstantKind.RefNull, ValueType.ExternRef, 0)),
                new Global(new GlobalType(ValueType.FuncRef, false), new ConstantExpression(ConstantKind.RefFunc, ValueType.FuncRef, 2)),
            ],
            module.Globals);
        Assert.Equal(
            [
                new Export("combine", ExternalKind.Function, 1),
                new Export("mem", ExternalKind.Memory, 0),
                new Export("funcs", ExternalKind.Table, 1),
                new Export("pi", ExternalKind.Global, 2),
            ],
            module.Exports);
        Assert.Equal(2u, module.StartFunction);
        Assert.Equal(3, module.ImportedFunctionCount + module.FunctionTypeIndices.Count);
    }

    [Fact]
    public void Function_bodies_keep_their_locals_and_raw_instructions_with_module_offsets()
    {
        byte[] bytes = Wat.ToWasm("""
            (module (func (param i32) (local i64 i64 f32) local.get 0 drop))
            """);

        WasmModule module = WasmParser.Parse(bytes);

        FunctionBody body = Assert.Single(module.Bodies);
        Assert.Equal([new LocalGroup(2, ValueType.I64), new LocalGroup(1, ValueType.F32)], body.Locals);
        Assert.Equal(3u, body.LocalCount);
        Assert.Equal(new byte[] { 0x20, 0x00, 0x1A, 0x0B }, body.Code.ToArray());
        Assert.Equal(body.Code.ToArray(), bytes.AsSpan(body.CodeOffset, body.Code.Length).ToArray());
        Assert.True(module.CodeSectionSize > body.Code.Length);
    }

    [Fact]
    public void Function_names_come_from_the_name_section()
    {
        WasmModule module = WasmParser.Parse(Wat.ToWasm("""
            (module (import "env" "host" (func $host)) (func $first) (func) (func $third))
            """));

        Assert.Equal("host", module.FunctionNames[0]);
        Assert.Equal("first", module.FunctionNames[1]);
        Assert.Equal("third", module.FunctionNames[3]);
        Assert.False(module.FunctionNames.ContainsKey(2));
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x05, 0x01, 0x00, 0x01 }, "function-name map shorter than its count")]
    [InlineData(new byte[] { 0x01, 0x09, 0x02, 0x00, 0x01, 0x61, 0x00, 0x01, 0x62 }, "a repeated function index")]
    [InlineData(new byte[] { 0x01, 0x04, 0x01, 0x00, 0x01, 0xFF }, "a name that is not UTF-8")]
    [InlineData(new byte[] { 0x01, 0x7F, 0x00 }, "a subsection larger than the section")]
    [InlineData(new byte[] { 0x01, 0x01, 0x00, 0x01, 0x01, 0x00 }, "two function-name subsections")]
    public void A_malformed_name_section_is_ignored_like_engines_do(byte[] contents, string problem)
    {
        byte[] bytes = Module(Section(0, Name("name"), contents));

        ValidatedModule validated = WasmModuleReader.ReadAndValidate(bytes);

        Assert.True(validated.Module.FunctionNames.Count == 0, problem);
    }

    [Fact]
    public void Custom_sections_may_appear_between_any_sections()
    {
        byte[] custom = Section(0, Name("producer"), [1, 2, 3]);
        byte[] bytes = Module(custom, VoidTypeSection(), custom, Section(3, Vec([0x00])), custom, Section(10, Vec(Body(0x0B))), custom);

        ValidatedModule validated = WasmModuleReader.ReadAndValidate(bytes);

        Assert.Single(validated.Module.Bodies);
    }

    [Fact]
    public void The_empty_module_is_valid()
    {
        ValidatedModule validated = WasmModuleReader.ReadAndValidate(Header);

        Assert.Empty(validated.Module.Types);
        Assert.Empty(validated.Functions);
    }

    /// <summary>Element segment encodings 0–7, hand-built so each encoding is exercised exactly.</summary>
    public static TheoryData<byte[], ElementSegment> ElementEncodings()
    {
        byte[] offset = [0x41, 0x03, 0x0B];
        byte[] funcIndices = Vec([0x00], [0x01]);
        byte[] expressions = Vec([0xD2, 0x01, 0x0B], [0xD0, 0x70, 0x0B]);
        ConstantExpression i32Three = new(ConstantKind.I32Const, ValueType.I32, 3);
        ConstantExpression[] refFuncs = [new(ConstantKind.RefFunc, ValueType.FuncRef, 0), new(ConstantKind.RefFunc, ValueType.FuncRef, 1)];
        ConstantExpression[] mixed = [new(ConstantKind.RefFunc, ValueType.FuncRef, 1), new(ConstantKind.RefNull, ValueType.FuncRef, 0)];
        return new TheoryData<byte[], ElementSegment>
        {
            { Concat([0x00], offset, funcIndices), new(SegmentMode.Active, 0, i32Three, ValueType.FuncRef, refFuncs) },
            { Concat([0x01, 0x00], funcIndices), new(SegmentMode.Passive, 0, null, ValueType.FuncRef, refFuncs) },
            { Concat([0x02, 0x01], offset, [0x00], funcIndices), new(SegmentMode.Active, 1, i32Three, ValueType.FuncRef, refFuncs) },
            { Concat([0x03, 0x00], funcIndices), new(SegmentMode.Declarative, 0, null, ValueType.FuncRef, refFuncs) },
            { Concat([0x04], offset, expressions), new(SegmentMode.Active, 0, i32Three, ValueType.FuncRef, mixed) },
            { Concat([0x05, 0x70], expressions), new(SegmentMode.Passive, 0, null, ValueType.FuncRef, mixed) },
            { Concat([0x06, 0x01], offset, [0x70], expressions), new(SegmentMode.Active, 1, i32Three, ValueType.FuncRef, mixed) },
            { Concat([0x07, 0x70], expressions), new(SegmentMode.Declarative, 0, null, ValueType.FuncRef, mixed) },
        };
    }

    [Theory]
    [MemberData(nameof(ElementEncodings))]
    public void Every_element_segment_encoding_decodes_and_validates(byte[] segment, ElementSegment expected)
    {
        byte[] bytes = Module(
            VoidTypeSection(),
            Section(3, Vec([0x00], [0x00])),
            Section(4, Vec([0x70, 0x00, 0x08], [0x70, 0x00, 0x08])),
            Section(9, Vec(segment)),
            Section(10, Vec(Body(0x0B), Body(0x0B))));

        WasmModule module = WasmModuleReader.ReadAndValidate(bytes).Module;

        ElementSegment actual = Assert.Single(module.Elements);
        Assert.Equal((expected.Mode, expected.TableIndex, expected.Offset, expected.ElementType), (actual.Mode, actual.TableIndex, actual.Offset, actual.ElementType));
        Assert.Equal(expected.Items, actual.Items);
    }

    [Fact]
    public void Every_data_segment_encoding_decodes_and_validates()
    {
        byte[] bytes = Module(
            Section(5, Vec([0x00, 0x01])),
            Section(12, Leb(3)),
            Section(11, Vec(
                Concat([0x00, 0x41, 0x10, 0x0B], Vec([0xAA], [0xBB])),
                Concat([0x01], Vec([0xCC])),
                Concat([0x02, 0x00, 0x41, 0x20, 0x0B], Vec()))));

        WasmModule module = WasmModuleReader.ReadAndValidate(bytes).Module;

        Assert.Equal(3u, module.DataCount);
        Assert.Equal(
            [(SegmentMode.Active, 0u, (ConstantExpression?)new ConstantExpression(ConstantKind.I32Const, ValueType.I32, 0x10), new byte[] { 0xAA, 0xBB }),
             (SegmentMode.Passive, 0u, null, new byte[] { 0xCC }),
             (SegmentMode.Active, 0u, new ConstantExpression(ConstantKind.I32Const, ValueType.I32, 0x20), Array.Empty<byte>())],
            module.Data.Select(d => (d.Mode, d.MemoryIndex, d.Offset, d.Bytes.ToArray())));
    }

    [Fact]
    public void Bulk_memory_code_brings_a_data_count_section_that_must_match_the_data_section()
    {
        byte[] bytes = Wat.ToWasm("""
            (module (memory 1) (data $d "hi")
              (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 2)) (data.drop $d)))
            """);

        WasmModule module = WasmModuleReader.ReadAndValidate(bytes).Module;

        Assert.Equal(1u, module.DataCount);
        Assert.Equal("hi"u8.ToArray(), module.Data[0].Bytes.ToArray());
    }
}
