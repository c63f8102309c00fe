using Hyperlight.Wasm.Model;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Tests.Linking;

/// <summary>The spec's link-time checks: each failure is a <see cref="WasmLinkException"/> naming the import and saying what does not match.</summary>
public sealed class LinkErrorTests
{
    private const string Library = """
        (module
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (global (export "counter") (mut i32) (i32.const 0))
          (global (export "limit") i64 (i64.const 7))
          (memory (export "memory") 1 4)
          (table (export "table") 2 8 funcref))
        """;

    public static TheoryData<string, string, string> MismatchedImports => new()
    {
        { """(import "lib" "missing" (func))""", "missing", "has no export named 'missing'; it exports: add (function), counter (global)" },
        { """(import "lib" "add" (global i32))""", "add", "the import is a global but module 'lib' exports 'add' as a function" },
        { """(import "lib" "add" (func (param i32) (result i32)))""", "add", "expects a function (i32) -> (i32) but the definition is (i32 i32) -> (i32)" },
        { """(import "lib" "counter" (global i32))""", "counter", "expects an immutable global but the definition is mutable" },
        { """(import "lib" "limit" (global i32))""", "limit", "expects a global of type i32 but the definition is i64" },
        { """(import "lib" "memory" (memory 2))""", "memory", "needs a memory of at least 2 pages but the definition has 1" },
        { """(import "lib" "memory" (memory 1 3))""", "memory", "allows a memory of at most 3 pages but the definition may grow to 4" },
        { """(import "lib" "table" (table 1 externref))""", "table", "expects a table of externref but the definition holds funcref" },
        { """(import "lib" "table" (table 4 funcref))""", "table", "needs a table of at least 4 elements but the definition has 2" },
        { """(import "lib" "table" (table 1 4 funcref))""", "table", "allows a table of at most 4 elements but the definition may grow to 8" },
    };

    [Theory]
    [MemberData(nameof(MismatchedImports))]
    public void An_import_that_does_not_match_the_export_names_itself_and_the_mismatch(string import, string name, string expected)
    {
        var error = Assert.Throws<WasmLinkException>(() => Link(Library, $"(module {import})"));

        Assert.Equal(("lib", name), (error.ImportModule, error.ImportName));
        Assert.StartsWith($"Import lib.{name}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""(import "env" "memory" (memory 1))""", "memory", "WithMemory")]
    [InlineData("""(import "env" "g" (global i32))""", "g", "WithGlobal")]
    [InlineData("""(import "env" "t" (table 1 funcref))""", "t", "WithTable")]
    public void A_global_memory_or_table_that_nothing_defines_says_how_to_provide_it(string import, string name, string hint)
    {
        var error = Assert.Throws<WasmLinkException>(() => WasmCompiler.Compile(Wat($"(module {import})")));

        Assert.Equal(("env", name), (error.ImportModule, error.ImportName));
        Assert.Contains("nothing defines this", error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_definition_of_another_kind_is_refused()
    {
        WasmHostExtern[] host = [new WasmHostMemory("env", "g", new MemoryType(new Limits(1, null)))];

        var error = Assert.Throws<WasmLinkException>(() => WasmCompiler.Link([Named("main", """(module (import "env" "g" (global i32)))""")], host));

        Assert.Contains("the import is a global but the host defines it as a memory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_global_of_another_mutability_is_refused()
    {
        WasmHostExtern[] host = [new WasmHostGlobal("env", "g", new GlobalType(ValueType.I32, Mutable: false), 1)];

        var error = Assert.Throws<WasmLinkException>(() => WasmCompiler.Link([Named("main", """(module (import "env" "g" (global (mut i32))))""")], host));

        Assert.Contains("expects a mutable global but the definition is immutable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_reference_global_must_start_null()
    {
        WasmHostExtern[] host = [new WasmHostGlobal("env", "r", new GlobalType(ValueType.ExternRef, Mutable: true), 5)];

        var error = Assert.Throws<WasmLinkException>(() => WasmCompiler.Link([Named("main", """(module (import "env" "r" (global (mut externref))))""")], host));

        Assert.Contains("must start as null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Something_defined_by_both_a_module_and_the_host_is_ambiguous()
    {
        WasmHostExtern[] host = [new WasmHostGlobal("lib", "limit", new GlobalType(ValueType.I64, Mutable: false), 1)];

        var error = Assert.Throws<WasmLinkException>(() => WasmCompiler.Link(
            [Named("lib", Library), Named("main", """(module (import "lib" "limit" (global i64)))""")], host));

        Assert.Contains("both module 'lib' and the host define it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_cannot_import_from_a_module_linked_after_it()
    {
        var error = Assert.Throws<WasmLinkException>(() => WasmCompiler.Link(
            [Named("first", """(module (import "second" "g" (global i32)))"""), Named("second", """(module (global (export "g") i32 (i32.const 1)))""")], []));

        Assert.Equal(("second", "g"), (error.ImportModule, error.ImportName));
    }

    [Fact]
    public void Duplicate_module_names_and_duplicate_host_definitions_are_argument_errors()
    {
        Assert.Throws<ArgumentException>(() => WasmCompiler.Link([Named("a", "(module)"), Named("a", "(module)")], []));
        WasmHostExtern global = new WasmHostGlobal("env", "g", new GlobalType(ValueType.I32, false), 0);
        Assert.Throws<ArgumentException>(() => WasmCompiler.Link([Named("main", "(module)")], [global, global]));
    }

    [Fact]
    public void An_invalid_linked_module_is_a_compile_error_that_names_it()
    {
        var error = Assert.Throws<WasmCompileException>(() => WasmCompiler.Link(
            [new NamedWasmModule("broken", new byte[] { 0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x0a, 0xff }), Named("main", "(module)")], []));

        Assert.Equal("broken", error.ModuleName);
        Assert.StartsWith("Module 'broken': ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checker_alone_reports_the_same_failures_without_compiling()
    {
        Assert.Throws<WasmLinkException>(() => WasmLinker.Check([Named("lib", Library), Named("main", """(module (import "lib" "nope" (func)))""")], []));
        WasmLinker.Check([Named("lib", Library), Named("main", """(module (import "lib" "add" (func (param i32 i32) (result i32))))""")], []);
    }

    private static void Link(string library, string main) => WasmCompiler.Link([Named("lib", library), Named("main", main)], []);

    internal static NamedWasmModule Named(string name, string wat) => new(name, Wat(wat));

    internal static byte[] Wat(string wat) => global::Wasmtime.Module.ConvertText(wat);
}
