namespace Hyperlight.Tests.Instances;

/// <summary>Reading and writing exported globals by name, as the guest sees them.</summary>
public sealed class GlobalAccessTests
{
    private const string Module = """
        (module
          (global $a (export "a") (mut i32) (i32.const -5))
          (global $b (export "b") (mut i64) (i64.const 0x7000000000000001))
          (global $c (export "c") (mut f32) (f32.const 2.5))
          (global $d (export "d") (mut f64) (f64.const -0.125))
          (global (export "fixed") i64 (i64.const 99))
          (func (export "read") (result i32 i64 f32 f64) global.get $a global.get $b global.get $c global.get $d)
          (func (export "bump") global.get $a i32.const 1 i32.add global.set $a)
          (func (export "noop")))
        """;

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Globals_read_their_initial_values(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        Assert.Equal(WasmValue.I32(-5), sandbox.GetGlobal("a"));
        Assert.Equal(WasmValue.I64(0x7000000000000001), sandbox.GetGlobal("b"));
        Assert.Equal(WasmValue.F32(2.5f), sandbox.GetGlobal("c"));
        Assert.Equal(WasmValue.F64(-0.125), sandbox.GetGlobal("d"));
        Assert.Equal(WasmValue.I64(99), sandbox.GetGlobal("fixed"));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void What_the_host_sets_the_guest_reads_and_the_reverse(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        sandbox.SetGlobal("a", WasmValue.I32(int.MaxValue));
        sandbox.SetGlobal("b", WasmValue.I64(-2));
        sandbox.SetGlobal("c", WasmValue.F32(float.NegativeInfinity));
        sandbox.SetGlobal("d", WasmValue.F64(Math.PI));
        WasmValue[] seen = sandbox.Invoke("read");
        sandbox.Invoke("bump");

        Assert.Equal([WasmValue.I32(int.MaxValue), WasmValue.I64(-2), WasmValue.F32(float.NegativeInfinity), WasmValue.F64(Math.PI)], seen);
        Assert.Equal(WasmValue.I32(int.MinValue), sandbox.GetGlobal("a"));
        Assert.Equal(WasmValue.I64(-2), sandbox.GetGlobal("b"));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Restore_returns_globals_to_their_initial_values(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);
        sandbox.SetGlobal("a", WasmValue.I32(1000));
        sandbox.Invoke("bump");
        WasmValue before = sandbox.Invoke("read")[0];

        sandbox.Restore();

        Assert.Equal(WasmValue.I32(1001), before);
        Assert.Equal(WasmValue.I32(-5), sandbox.GetGlobal("a"));
        Assert.Equal(WasmValue.I32(-5), sandbox.Invoke("read")[0]);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void An_immutable_global_or_a_value_of_another_kind_is_refused(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        var immutable = Assert.Throws<InvalidOperationException>(() => sandbox.SetGlobal("fixed", WasmValue.I64(1)));
        var wrongKind = Assert.Throws<ArgumentException>(() => sandbox.SetGlobal("a", WasmValue.I64(1)));
        var notAGlobal = Assert.Throws<GuestBindingException>(() => sandbox.GetGlobal("read"));
        var unknown = Assert.Throws<GuestBindingException>(() => sandbox.SetGlobal("zz", WasmValue.I32(1)));

        Assert.Contains("'fixed' is immutable", immutable.Message, StringComparison.Ordinal);
        Assert.Contains("holds i32, not i64", wrongKind.Message, StringComparison.Ordinal);
        Assert.Contains("is a function, not a global", notAGlobal.Message, StringComparison.Ordinal);
        Assert.Contains("no export named 'zz'", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(WasmValue.I64(99), sandbox.GetGlobal("fixed"));
        Assert.Equal(WasmValue.I32(-5), sandbox.GetGlobal("a"));
    }
}
