using Hyperlight.Wasm;

namespace Hyperlight.Tests.Instances;

/// <summary>
/// A memory or table import matched against the size an earlier start function grew it to, as the
/// spec's instantiation matches it: accepted, or refused with the same <see cref="WasmLinkException"/>
/// on every engine when the growth falls short.
/// </summary>
public sealed class GrownImportTests
{
    // Grows its memory from 1 to 3 pages and its table from 1 to 4 elements at instantiation.
    private const string Grower = """
        (module
          (memory (export "memory") 1 4)
          (table (export "table") 1 funcref)
          (func $seven (result i32) (i32.const 7))
          (elem declare func $seven)
          (func $grow
            (drop (memory.grow (i32.const 2)))
            (drop (table.grow (ref.func $seven) (i32.const 3))))
          (start $grow))
        """;

    private const string Importer = """
        (module
          (import "lib" "memory" (memory 3))
          (import "lib" "table" (table 4 funcref))
          (type $answer (func (result i32)))
          (data (i32.const 196607) "\2a")
          (func (export "memory_size") (result i32) (memory.size))
          (func (export "last_byte") (result i32) (i32.load8_u (i32.const 196607)))
          (func (export "call_last") (result i32) (call_indirect (type $answer) (i32.const 3))))
        """;

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Imports_met_only_by_growth_in_an_earlier_start_function_link_and_run(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Builder(engine, Importer).WithLinkedModule("lib", Wat.ToWasm(Grower)).Build();

        Assert.Equal([WasmValue.I32(3)], sandbox.Invoke("memory_size"));
        Assert.Equal([WasmValue.I32(0x2A)], sandbox.Invoke("last_byte"));
        Assert.Equal([WasmValue.I32(7)], sandbox.Invoke("call_last"));
        sandbox.Restore();
        Assert.Equal([WasmValue.I32(3)], sandbox.Invoke("memory_size"));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_host_memory_grown_by_an_earlier_importer_meets_a_larger_minimum(TestEngine engine)
    {
        const string HostGrower = """(module (import "host" "memory" (memory 1)) (func $grow (drop (memory.grow (i32.const 1)))) (start $grow))""";

        using Sandbox sandbox = TestEngines.Builder(engine, """(module (import "host" "memory" (memory 2)) (func (export "memory_size") (result i32) (memory.size)))""")
            .WithMemory("host", "memory", 1)
            .WithLinkedModule("lib", Wat.ToWasm(HostGrower))
            .Build();

        Assert.Equal([WasmValue.I32(2)], sandbox.Invoke("memory_size"));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Growth_that_falls_short_is_the_same_link_error_on_every_engine(TestEngine engine)
    {
        SandboxBuilder builder = TestEngines.Builder(engine, """(module (import "lib" "memory" (memory 2)) (import "lib" "table" (table 5 funcref)))""")
            .WithLinkedModule("lib", Wat.ToWasm(Grower));

        var error = Assert.Throws<WasmLinkException>(builder.Build);

        Assert.Equal(("lib", "table"), (error.ImportModule, error.ImportName));
        Assert.Equal("Import lib.table: the import needs a table of at least 5 elements but it had only 4 when module 'main' was instantiated", error.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_refused_build_leaves_other_sandboxes_working(TestEngine engine)
    {
        using Sandbox working = TestEngines.Builder(engine, Importer).WithLinkedModule("lib", Wat.ToWasm(Grower)).Build();
        SandboxBuilder refused = TestEngines.Builder(engine, """(module (import "lib" "memory" (memory 4)))""").WithLinkedModule("lib", Wat.ToWasm(Grower));

        Assert.Throws<WasmLinkException>(refused.Build);
        Assert.Throws<WasmLinkException>(refused.Build);

        Assert.Equal([WasmValue.I32(7)], working.Invoke("call_last"));
    }
}
