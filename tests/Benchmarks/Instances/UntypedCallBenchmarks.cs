using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Hyperlight.Benchmarks.Vm;
using Hyperlight.Vm;
using Hyperlight.Wasmtime;

namespace Hyperlight.Benchmarks.Instances;

/// <summary>
/// The untyped API's cost over a typed proxy: <c>Sandbox.Invoke("Add", i32, i32)</c> against the
/// generated proxy's <c>Add(a, b)</c> (the baseline) on the same sandbox, per engine. The untyped
/// path looks the export up by name, checks the arguments and allocates its result array.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class UntypedCallBenchmarks
{
    private Sandbox? _inProcess, _wasmtime;
    private IVmBenchmarkGuest? _inProcessGuest, _wasmtimeGuest;
    private int _a = 1;

    [GlobalSetup]
    public void Setup()
    {
        _inProcess = VmBenchmarkModule.Create(MicroVmDriver.InProcess);
        _inProcessGuest = _inProcess.Guest<IVmBenchmarkGuest>();
        _wasmtime = VmBenchmarkModule.Create(new WasmtimeEngineFactory());
        _wasmtimeGuest = _wasmtime.Guest<IVmBenchmarkGuest>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _inProcess?.Dispose();
        _wasmtime?.Dispose();
    }

    [BenchmarkCategory("in-process"), Benchmark(Baseline = true, Description = "typed proxy Add")]
    public int InProcessTyped() => _inProcessGuest!.Add(_a, 2);

    [BenchmarkCategory("in-process"), Benchmark(Description = "untyped Invoke(\"Add\")")]
    public int InProcessUntyped() => _inProcess!.Invoke("Add", WasmValue.I32(_a), WasmValue.I32(2))[0].AsInt32();

    [BenchmarkCategory("wasmtime"), Benchmark(Baseline = true, Description = "typed proxy Add")]
    public int WasmtimeTyped() => _wasmtimeGuest!.Add(_a, 2);

    [BenchmarkCategory("wasmtime"), Benchmark(Description = "untyped Invoke(\"Add\")")]
    public int WasmtimeUntyped() => _wasmtime!.Invoke("Add", WasmValue.I32(_a), WasmValue.I32(2))[0].AsInt32();
}
