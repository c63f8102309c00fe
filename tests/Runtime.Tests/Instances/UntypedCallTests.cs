namespace Hyperlight.Tests.Instances;

/// <summary>Calls by export name with <see cref="WasmValue"/>s: every number kind, several results, and what is refused.</summary>
public sealed class UntypedCallTests
{
    private const string Module = """
        (module
          (func (export "i32") (param i32) (result i32) local.get 0)
          (func (export "i64") (param i64) (result i64) local.get 0)
          (func (export "f32") (param f32) (result f32) local.get 0)
          (func (export "f64") (param f64) (result f64) local.get 0)
          (func (export "mix") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
            local.get 3 local.get 2 local.get 1 local.get 0)
          (func (export "sub") (param i64 i64) (result i64) local.get 0 local.get 1 i64.sub)
          (func (export "nothing"))
          (func (export "divide") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
          (global (export "answer") i32 (i32.const 42))
          (memory (export "memory") 1))
        """;

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Each_number_kind_crosses_unchanged(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);
        WasmValue[] values =
        [
            WasmValue.I32(int.MinValue), WasmValue.I32(-1), WasmValue.I64(long.MinValue), WasmValue.I64(0x0123_4567_89AB_CDEF),
            WasmValue.F32(-0.0f), WasmValue.F32(float.PositiveInfinity), WasmValue.F64(double.Epsilon), WasmValue.F64(-1e308),
            WasmValue.FromBits(CoreValueType.F32, 0x7FC0_1234), WasmValue.FromBits(CoreValueType.F64, 0x7FF8_0000_0000_ABCD),
        ];

        foreach (WasmValue value in values)
        {
            WasmValue[] result = sandbox.Invoke(value.Kind.ToString().ToLowerInvariant(), value);

            Assert.Equal([value], result);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Several_results_come_back_in_order(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        WasmValue[] results = sandbox.Invoke("mix", WasmValue.I32(7), WasmValue.I64(-8), WasmValue.F32(1.5f), WasmValue.F64(2.25));

        Assert.Equal([WasmValue.F64(2.25), WasmValue.F32(1.5f), WasmValue.I64(-8), WasmValue.I32(7)], results);
        Assert.Empty(sandbox.Invoke("nothing"));
        Assert.Equal(WasmValue.I64(-3), Assert.Single(sandbox.Invoke("sub", WasmValue.I64(4), WasmValue.I64(7))));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void The_exports_are_listed_with_their_kinds(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        WasmExportInfo mix = Assert.Single(sandbox.Exports, e => e.Name == "mix");
        WasmExportInfo answer = Assert.Single(sandbox.Exports, e => e.Name == "answer");

        Assert.Equal(WasmExportKind.Function, mix.Kind);
        Assert.Equal([CoreValueType.I32, CoreValueType.I64, CoreValueType.F32, CoreValueType.F64], mix.Parameters);
        Assert.Equal([CoreValueType.F64, CoreValueType.F32, CoreValueType.I64, CoreValueType.I32], mix.Results);
        Assert.Equal(WasmExportKind.Global, answer.Kind);
        Assert.Equal([CoreValueType.I32], answer.Results);
        Assert.Empty(answer.Parameters);
        Assert.False(answer.Mutable);
        Assert.Contains(sandbox.Exports, e => e is { Name: "memory", Kind: WasmExportKind.Memory });
        Assert.Equal(10, sandbox.Exports.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void An_unknown_name_lists_what_the_module_exports(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        var missing = Assert.Throws<GuestBindingException>(() => sandbox.Invoke("nope"));
        var global = Assert.Throws<GuestBindingException>(() => sandbox.Invoke("answer"));

        Assert.Contains("'nope'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("mix (i32, i64, f32, f64) -> (f64, f32, i64, i32)", missing.Message, StringComparison.Ordinal);
        Assert.Contains("is a global, not a function", global.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Arguments_of_the_wrong_number_or_kind_are_refused_before_the_call(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        var tooFew = Assert.Throws<ArgumentException>(() => sandbox.Invoke("sub", WasmValue.I64(1)));
        var wrongKind = Assert.Throws<ArgumentException>(() => sandbox.Invoke("sub", WasmValue.I64(1), WasmValue.I32(2)));
        var reference = Assert.Throws<ArgumentException>(() => sandbox.Invoke("i32", WasmValue.ExternRef("text")));

        Assert.Contains("takes 2 arguments, not 1", tooFew.Message, StringComparison.Ordinal);
        Assert.Contains("Argument 1 of 'sub' (i64, i64) -> (i64) must be i64, not i32", wrongKind.Message, StringComparison.Ordinal);
        Assert.Contains("must be i32, not externref", reference.Message, StringComparison.Ordinal);
        Assert.Equal([WasmValue.I64(-1)], sandbox.Invoke("sub", WasmValue.I64(1), WasmValue.I64(2)));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_trap_fails_the_call_and_the_sandbox_carries_on(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        var trap = Assert.Throws<GuestTrapException>(() => sandbox.Invoke("divide", WasmValue.I32(1), WasmValue.I32(0)));

        Assert.Equal(TrapKind.IntegerDivideByZero, trap.Kind);
        Assert.Equal([WasmValue.I32(-3)], sandbox.Invoke("divide", WasmValue.I32(-7), WasmValue.I32(2)));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_cancelled_token_stops_the_call_before_it_starts(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => sandbox.Invoke("nothing", [], cancelled.Token));
        Assert.Empty(sandbox.Invoke("nothing", [], CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void More_values_than_the_call_frame_has_slots_are_for_wasmtime_alone(TestEngine engine)
    {
        const int count = 33;
        string parameters = string.Join(" ", Enumerable.Repeat("i32", count));
        string sum = string.Join(" ", Enumerable.Range(1, count - 1).Select(i => $"local.get {i} i32.add"));
        using Sandbox sandbox = TestEngines.Build(engine, $"""(module (func (export "sum") (param {parameters}) (result i32) local.get 0 {sum}))""");
        WasmValue[] arguments = [.. Enumerable.Range(1, count).Select(WasmValue.I32)];

        if (engine == TestEngine.Wasmtime)
        {
            Assert.Equal([WasmValue.I32(count * (count + 1) / 2)], sandbox.Invoke("sum", arguments));
            return;
        }
        var error = Assert.Throws<NotSupportedException>(() => sandbox.Invoke("sum", arguments));
        Assert.Contains("at most 32", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_disposed_sandbox_refuses_untyped_access(TestEngine engine)
    {
        Sandbox sandbox = TestEngines.Build(engine, Module);
        sandbox.Dispose();

        Assert.Throws<ObjectDisposedException>(() => sandbox.Invoke("nothing"));
        Assert.Throws<ObjectDisposedException>(() => sandbox.GetGlobal("answer"));
        Assert.Throws<ObjectDisposedException>(() => sandbox.Exports);
    }
}
