using BenchmarkDotNet.Attributes;
using Hyperlight.Vm;

namespace Hyperlight.Benchmarks.Compiler;

/// <summary>
/// The fixed cost of entering compiled Wasm: an exported no-op called through our compiler's code on
/// the in-process driver (generated proxy, and the untyped API by export name) against the baseline,
/// Wasmtime .NET's typed call of the same export (<c>Instance.GetAction</c>), in the same run.
/// </summary>
[MemoryDiagnoser]
public class CallOverheadBenchmarks
{
    private const string Text = """(module (func (export "NoOp")))""";

    private global::Wasmtime.Engine? _engine;
    private global::Wasmtime.Module? _module;
    private global::Wasmtime.Store? _store;
    private Action? _wasmtimeNoOp;
    private Sandbox? _sandbox;
    private INoOpGuest? _guest;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new global::Wasmtime.Engine();
        _module = global::Wasmtime.Module.FromText(_engine, "noop", Text);
        _store = new global::Wasmtime.Store(_engine);
        _wasmtimeNoOp = new global::Wasmtime.Instance(_store, _module).GetAction("NoOp")!;
        _sandbox = new SandboxBuilder()
            .WithWasmModule(global::Wasmtime.Module.ConvertText(Text))
            .WithEngine(new MicroVmEngineFactory(MicroVmDriver.InProcess))
            .Configure(o => o.CallTimeout = Timeout.InfiniteTimeSpan)
            .Build();
        _guest = _sandbox.Guest<INoOpGuest>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sandbox?.Dispose();
        _store?.Dispose();
        _module?.Dispose();
        _engine?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Wasmtime typed call of the exported no-op")]
    public void WasmtimeTyped() => _wasmtimeNoOp!();

    [Benchmark(Description = "ours, in-process: no-op through the generated proxy")]
    public void InProcessProxy() => _guest!.NoOp();

    [Benchmark(Description = "ours, in-process: no-op by export name (untyped API)")]
    public WasmValue[] InProcessUntyped() => _sandbox!.Invoke("NoOp");
}

[GuestFunction]
public partial interface INoOpGuest
{
    void NoOp();
}
