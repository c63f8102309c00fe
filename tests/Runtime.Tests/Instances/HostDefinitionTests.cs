namespace Hyperlight.Tests.Instances;

/// <summary>Globals, memories and tables the host defines, imported by the guest, each sandbox with its own.</summary>
public sealed class HostDefinitionTests
{
    private const int PageSize = 65536;

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Host_globals_start_as_defined_and_restore_to_it(TestEngine engine)
    {
        const string module = """
            (module
              (import "host" "base" (global $base i32))
              (import "host" "counter" (global $counter (mut i64)))
              (export "counter" (global $counter))
              (func (export "base") (result i32) global.get $base)
              (func (export "bump") global.get $counter i64.const 1 i64.add global.set $counter))
            """;
        using Sandbox sandbox = TestEngines.Builder(engine, module)
            .WithGlobal("host", "base", WasmValue.I32(40))
            .WithGlobal("host", "counter", WasmValue.I64(1), mutable: true)
            .Build();

        sandbox.Invoke("bump");
        sandbox.Invoke("bump");
        WasmValue bumped = sandbox.GetGlobal("counter");
        sandbox.Restore();

        Assert.Equal([WasmValue.I32(40)], sandbox.Invoke("base"));
        Assert.Equal(WasmValue.I64(3), bumped);
        Assert.Equal(WasmValue.I64(1), sandbox.GetGlobal("counter"));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_host_memory_has_the_declared_size_and_grows_to_its_maximum(TestEngine engine)
    {
        const string module = """
            (module
              (import "host" "mem" (memory 1 2))
              (export "mem" (memory 0))
              (func (export "load") (param i32) (result i32) local.get 0 i32.load)
              (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))
            """;
        using Sandbox sandbox = TestEngines.Builder(engine, module).WithMemory("host", "mem", 1, 2).Build();

        sandbox.WriteMemory("mem", 8, [0x78, 0x56, 0x34, 0x12]);

        Assert.Equal(PageSize, sandbox.GetMemorySize("mem"));
        Assert.Equal([WasmValue.I32(0x12345678)], sandbox.Invoke("load", WasmValue.I32(8)));
        Assert.Equal([WasmValue.I32(1)], sandbox.Invoke("grow", WasmValue.I32(1)));
        Assert.Equal([WasmValue.I32(-1)], sandbox.Invoke("grow", WasmValue.I32(1)));
        Assert.Equal(2 * PageSize, sandbox.GetMemorySize("mem"));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Host_tables_start_null_and_grow_to_their_maximum(TestEngine engine)
    {
        const string module = """
            (module
              (import "host" "functions" (table $functions 2 4 funcref))
              (import "host" "objects" (table $objects 1 externref))
              (func (export "size") (result i32) table.size $functions)
              (func (export "grow") (param i32) (result i32) ref.null func local.get 0 table.grow $functions)
              (func (export "empty") (param i32) (result i32) local.get 0 table.get $functions ref.is_null)
              (func (export "keep") (param externref) i32.const 0 local.get 0 table.set $objects)
              (func (export "kept") (result externref) i32.const 0 table.get $objects))
            """;
        using Sandbox sandbox = TestEngines.Builder(engine, module)
            .WithTable("host", "functions", CoreValueType.FuncRef, 2, 4)
            .WithTable("host", "objects", CoreValueType.ExternRef, 1)
            .Build();
        var kept = new object();

        sandbox.Invoke("keep", WasmValue.ExternRef(kept));

        Assert.Equal([WasmValue.I32(2)], sandbox.Invoke("size"));
        Assert.Equal([WasmValue.I32(1)], sandbox.Invoke("empty", WasmValue.I32(1)));
        Assert.Equal([WasmValue.I32(2)], sandbox.Invoke("grow", WasmValue.I32(2)));
        Assert.Equal([WasmValue.I32(-1)], sandbox.Invoke("grow", WasmValue.I32(1)));
        Assert.Equal([WasmValue.I32(4)], sandbox.Invoke("size"));
        Assert.Same(kept, Assert.Single(sandbox.Invoke("kept")).AsExternRef());
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Each_sandbox_gets_its_own_definitions(TestEngine engine)
    {
        const string module = """
            (module
              (import "host" "g" (global $g (mut i32)))
              (import "host" "mem" (memory 1))
              (export "g" (global $g))
              (export "mem" (memory 0)))
            """;
        SandboxBuilder builder = TestEngines.Builder(engine, module)
            .WithGlobal("host", "g", WasmValue.I32(1), mutable: true)
            .WithMemory("host", "mem", 1);
        using Sandbox first = builder.Build();
        using Sandbox second = builder.Build();
        var seen = new byte[1];

        first.SetGlobal("g", WasmValue.I32(2));
        first.WriteMemory("mem", 0, [9]);
        second.ReadMemory("mem", 0, seen);

        Assert.Equal(WasmValue.I32(1), second.GetGlobal("g"));
        Assert.Equal(0, seen[0]);
    }
}
