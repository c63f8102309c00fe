using Hyperlight.Images;
using Hyperlight.Wasm.Model;
using Hyperlight.Wasm.Tests.Compiler.Harness;
using static Hyperlight.Wasm.Tests.Linking.LinkErrorTests;

namespace Hyperlight.Wasm.Tests.Linking;

/// <summary>
/// A memory or table import is matched against the size its definition has reached when the
/// importer is instantiated (Wasm 2.0 §4.5.3), so an earlier start function that grows it can make
/// a larger minimum valid; whether it grew enough is only known while instantiating.
/// </summary>
public sealed class GrownImportTests
{
    // Grows its memory from 1 to 3 pages at instantiation.
    private const string MemoryGrower = """
        (module
          (memory (export "memory") 1 4)
          (func $grow (drop (memory.grow (i32.const 2))))
          (start $grow))
        """;

    // Grows its table from 1 to 4 elements at instantiation; the new ones hold $seven.
    private const string TableGrower = """
        (module
          (table (export "table") 1 funcref)
          (func $seven (result i32) (i32.const 7))
          (elem declare func $seven)
          (func $grow (drop (table.grow (ref.func $seven) (i32.const 3))))
          (start $grow))
        """;

    private static string MemoryImporter(string limits) => $$"""
        (module
          (import "lib" "memory" (memory {{limits}}))
          (data (i32.const 0) "\2a")
          (func (export "size") (result i32) (memory.size))
          (func (export "first_byte") (result i32) (i32.load8_u (i32.const 0)))
          (func (export "last_byte") (result i32) (i32.load8_u (i32.const 196607))))
        """;

    private const string TableImporter = """
        (module
          (import "lib" "table" (table 4 funcref))
          (type $answer (func (result i32)))
          (func (export "size") (result i32) (table.size 0))
          (func (export "call_last") (result i32) (call_indirect (type $answer) (i32.const 3))))
        """;

    [Fact]
    public void A_memory_grown_by_an_earlier_start_function_meets_a_larger_minimum()
    {
        using var harness = Instantiate([Named("lib", MemoryGrower), Named("main", MemoryImporter("3"))]);

        Assert.Equal("[0x3]", harness.Call("size").ToString());
        Assert.Equal("[0x2a]", harness.Call("first_byte").ToString());
        Assert.Equal("[0x0]", harness.Call("last_byte").ToString());
    }

    [Fact]
    public void A_table_grown_by_an_earlier_start_function_meets_a_larger_minimum()
    {
        using var harness = Instantiate([Named("lib", TableGrower), Named("main", TableImporter)]);

        Assert.Equal("[0x4]", harness.Call("size").ToString());
        Assert.Equal("[0x7]", harness.Call("call_last").ToString());
    }

    [Fact]
    public void Growth_by_a_later_modules_start_function_counts_too()
    {
        const string Library = """(module (memory (export "memory") 1) (func (export "grow") (drop (memory.grow (i32.const 1)))))""";
        const string Grower = """(module (import "lib" "grow" (func $grow)) (start $grow))""";

        using var harness = Instantiate([Named("lib", Library), Named("grower", Grower), Named("main", MemoryImporter("2"))]);

        Assert.Equal("[0x2]", harness.Call("size").ToString());
    }

    [Fact]
    public void A_host_memory_grown_by_an_earlier_importer_meets_a_larger_minimum()
    {
        const string Grower = """(module (import "env" "memory" (memory 1)) (func $grow (drop (memory.grow (i32.const 1)))) (start $grow))""";
        WasmHostExtern[] host = [new WasmHostMemory("env", "memory", new MemoryType(new Limits(1, null)))];

        GuestImage image = WasmCompiler.Link([Named("lib", Grower), Named("main", """(module (import "env" "memory" (memory 2)) (func (export "size") (result i32) (memory.size)))""")], host);
        using var harness = Instantiate(image);

        Assert.Equal("[0x2]", harness.Call("size").ToString());
    }

    public static TheoryData<string, string, string, string> ShortGrowth => new()
    {
        { MemoryGrower, MemoryImporter("4"), "memory", "the import needs a memory of at least 4 pages but it had only 3 when module 'main' was instantiated" },
        { TableGrower, """(module (import "lib" "table" (table 5 funcref)))""", "table", "the import needs a table of at least 5 elements but it had only 4 when module 'main' was instantiated" },
    };

    [Theory]
    [MemberData(nameof(ShortGrowth))]
    public void Growth_that_falls_short_fails_naming_the_import_and_both_sizes(string grower, string importer, string import, string expected)
    {
        GuestImage image = WasmCompiler.Link([Named("lib", grower), Named("main", importer)], []);

        var error = Assert.Throws<WasmLinkException>(() => Instantiate(image).Dispose());

        Assert.Equal(("lib", import), (error.ImportModule, error.ImportName));
        Assert.Equal($"Import lib.{import}: {expected}", error.Message);
    }

    [Fact]
    public void A_failed_size_check_stops_instantiation_before_the_importers_segments()
    {
        GuestImage image = WasmCompiler.Link([Named("lib", MemoryGrower), Named("main", MemoryImporter("4"))], []);
        using var harness = new InProcessHarness(image);

        Assert.Equal("[0x0, 0x3]", harness.InitializationOutcome!.ToString());
        Assert.Equal(3 * 65536, harness.Memory.Length);
        Assert.Equal(0, harness.Memory[0]);
    }

    [Fact]
    public void Without_a_start_function_since_the_definition_exists_the_declared_minimum_is_checked_at_link()
    {
        const string Early = """(module (func $nothing) (start $nothing))""";
        const string Library = """(module (memory (export "memory") 1 4))""";

        var error = Assert.Throws<WasmLinkException>(() => WasmCompiler.Link([Named("early", Early), Named("lib", Library), Named("main", MemoryImporter("3"))], []));

        Assert.Equal("Import lib.memory: the import needs a memory of at least 3 pages but the definition has 1", error.Message);
    }

    [Fact]
    public void A_maximum_that_does_not_match_is_refused_at_link_even_when_the_minimum_waits()
    {
        var error = Assert.Throws<WasmLinkException>(() => WasmCompiler.Link([Named("lib", MemoryGrower), Named("main", MemoryImporter("3 3"))], []));

        Assert.Equal("Import lib.memory: the import allows a memory of at most 3 pages but the definition may grow to 4", error.Message);
    }

    [Fact]
    public void A_host_memory_that_no_module_imported_before_is_checked_at_link()
    {
        const string Early = """(module (func $nothing) (start $nothing))""";
        WasmHostExtern[] host = [new WasmHostMemory("env", "memory", new MemoryType(new Limits(1, null)))];

        var error = Assert.Throws<WasmLinkException>(() => WasmCompiler.Link([Named("early", Early), Named("main", """(module (import "env" "memory" (memory 2)))""")], host));

        Assert.Equal("Import env.memory: the import needs a memory of at least 2 pages but the definition has 1", error.Message);
    }

    [Fact]
    public void The_checker_returns_the_checks_left_to_instantiation()
    {
        IReadOnlyList<GuestSizeCheck> checks = WasmLinker.Check([Named("lib", TableGrower), Named("main", TableImporter)], []).SizeChecks;

        Assert.Equal([new GuestSizeCheck("main", "lib", "table", GuestSizeCheckKind.Table, 4)], checks);
        Assert.Empty(WasmLinker.Check([Named("lib", TableGrower), Named("main", """(module (import "lib" "table" (table 1 funcref)))""")], []).SizeChecks);
    }

    [Fact]
    public void Size_checks_survive_an_image_round_trip()
    {
        GuestImage image = WasmCompiler.Link([Named("lib", MemoryGrower), Named("main", MemoryImporter("3"))], []);

        GuestImage copy = GuestImageSerializer.Deserialize(GuestImageSerializer.Serialize(image));

        Assert.Equal([new GuestSizeCheck("main", "lib", "memory", GuestSizeCheckKind.Memory, 3)], copy.SizeChecks);
    }

    [Fact]
    public void An_image_whose_size_checks_would_never_run_is_refused()
    {
        var image = new GuestImage { Code = [0xC3], EntryOffset = 0, SizeChecks = [new GuestSizeCheck("main", "lib", "memory", GuestSizeCheckKind.Memory, 2)] };

        var error = Assert.Throws<InvalidDataException>(() => GuestImageSerializer.Deserialize(GuestImageSerializer.Serialize(image)));

        Assert.Contains("without initialisation", error.Message, StringComparison.Ordinal);
    }

    private static InProcessHarness Instantiate(NamedWasmModule[] modules) => Instantiate(WasmCompiler.Link(modules, []));

    /// <summary>Runs the image's initialisation and, as the engines do, turns a failed size check it reports into the link error.</summary>
    private static InProcessHarness Instantiate(GuestImage image)
    {
        var harness = new InProcessHarness(image);
        if (harness.InitializationOutcome is { Results: [ulong check, ulong size] })
        {
            harness.Dispose();
            WasmLinker.CheckSizeReached(image.SizeChecks[(int)check], size);
            throw new InvalidOperationException($"Size check {check} was reported failed at size {size}, which meets it");
        }
        Assert.Equal(CallOutcome.Returned().ToString(), harness.InitializationOutcome?.ToString() ?? "[]");
        return harness;
    }
}
