namespace Hyperlight.Tests.Instances;

/// <summary>A host function that a linked module imports and re-exports to the main module.</summary>
[HostFunction]
public partial interface ICounterHost
{
    int Next();
}

/// <summary>Several modules in one sandbox: the main module imports what earlier modules export.</summary>
public sealed class LinkedModuleTests
{
    /// <summary>Exports one of each kind; its start function marks memory so the order of instantiation shows.</summary>
    internal const string Library = """
        (module
          (import "env" "Next" (func $next (result i32)))
          (memory (export "memory") 1 2)
          (global (export "scale") i32 (i32.const 3))
          (global (export "total") (mut i32) (i32.const 0))
          (table (export "table") 2 funcref)
          (func $triple (export "triple") (param i32) (result i32) local.get 0 global.get 0 i32.mul)
          (func (export "next") (result i32) call $next)
          (func $init i32.const 0 i32.const 0x5A i32.store8)
          (elem (i32.const 0) $triple)
          (start $init))
        """;

    private const string Main = """
        (module
          (type $unary (func (param i32) (result i32)))
          (import "lib" "triple" (func $triple (param i32) (result i32)))
          (import "lib" "next" (func $next (result i32)))
          (import "lib" "scale" (global $scale i32))
          (import "lib" "total" (global $total (mut i32)))
          (import "lib" "memory" (memory 1))
          (import "lib" "table" (table 2 funcref))
          (export "memory" (memory 0))
          (export "total" (global $total))
          (func (export "run") (param i32) (result i32)
            local.get 0 call $triple
            i32.const 0 call_indirect (type $unary)
            global.get $scale i32.add)
          (func (export "next") (result i32) call $next)
          (func (export "add_total") (param i32) global.get $total local.get 0 i32.add global.set $total)
          (func (export "first_byte") (result i32) i32.const 0 i32.load8_u))
        """;

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void The_main_module_uses_a_function_global_table_and_memory_of_another(TestEngine engine)
    {
        using Sandbox sandbox = Build(engine);

        Assert.Equal([WasmValue.I32((2 * 3 * 3) + 3)], sandbox.Invoke("run", WasmValue.I32(2)));
        Assert.Equal([WasmValue.I32(0x5A)], sandbox.Invoke("first_byte"));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_linked_module_reaches_the_host_functions(TestEngine engine)
    {
        var host = new CounterHost();
        using Sandbox sandbox = Build(engine, host);

        sandbox.Invoke("next");

        Assert.Equal([WasmValue.I32(2)], sandbox.Invoke("next"));
        Assert.Equal(2, host.Calls);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Shared_state_is_one_state_and_restore_resets_every_module(TestEngine engine)
    {
        using Sandbox sandbox = Build(engine);

        sandbox.Invoke("add_total", WasmValue.I32(5));
        sandbox.SetGlobal("total", WasmValue.I32(sandbox.GetGlobal("total").AsInt32() * 10));
        sandbox.WriteMemory("memory", 0, [1]);
        WasmValue total = sandbox.GetGlobal("total");
        sandbox.Restore();

        Assert.Equal(WasmValue.I32(50), total);
        Assert.Equal(WasmValue.I32(0), sandbox.GetGlobal("total"));
        Assert.Equal([WasmValue.I32(0x5A)], sandbox.Invoke("first_byte"));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Only_the_main_modules_exports_are_reachable(TestEngine engine)
    {
        using Sandbox sandbox = Build(engine);

        Assert.Throws<GuestBindingException>(() => sandbox.Invoke("triple", WasmValue.I32(1)));
        Assert.Throws<GuestBindingException>(() => sandbox.GetGlobal("scale"));
        Assert.DoesNotContain(sandbox.Exports, e => e.Name is "triple" or "scale" or "table");
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_trap_in_a_linked_modules_start_function_fails_the_build(TestEngine engine)
    {
        SandboxBuilder builder = TestEngines.Builder(engine, """(module (import "lib" "f" (func)))""")
            .WithLinkedModule("lib", Wat.ToWasm("""(module (func $boom unreachable) (func (export "f")) (start $boom))"""));

        var trap = Assert.Throws<GuestTrapException>(builder.Build);

        Assert.Equal(TrapKind.Unreachable, trap.Kind);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_linked_module_can_come_from_a_file(TestEngine engine)
    {
        string path = Path.Combine(Path.GetTempPath(), $"hyperlight-linked-{Guid.NewGuid():N}.wasm");
        File.WriteAllBytes(path, Wat.ToWasm(Library));
        try
        {
            using Sandbox sandbox = TestEngines.Builder(engine, Main)
                .WithLinkedModule("lib", path)
                .WithHostFunctions<ICounterHost>(new CounterHost())
                .Build();

            Assert.Equal([WasmValue.I32((1 * 3 * 3) + 3)], sandbox.Invoke("run", WasmValue.I32(1)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Sandbox Build(TestEngine engine, CounterHost? host = null) =>
        TestEngines.Builder(engine, Main)
            .WithLinkedModule("lib", Wat.ToWasm(Library))
            .WithHostFunctions<ICounterHost>(host ?? new CounterHost())
            .Build();

    private sealed class CounterHost : ICounterHost
    {
        public int Calls { get; private set; }

        public int Next() => ++Calls;
    }
}
