using BenchmarkDotNet.Attributes;

namespace Hyperlight.Benchmarks.Wasmtime;

/// <summary>
/// The cost of the binding layer on a scalar call: Add(int, int) through the generated proxy and
/// the call frame on the Wasmtime engine, against the same export called through Wasmtime's own
/// typed delegate. Target: 0 bytes allocated, at most 2× the baseline.
/// </summary>
[MemoryDiagnoser]
public class WasmtimeAddBenchmarks
{
    private DirectWasmtime _direct = null!;
    private Func<int, int, int> _directAdd = null!;
    private Sandbox _sandbox = null!;
    private IBenchmarkGuest _guest = null!;
    private int _a = 2;
    private int _b = 3;

    [GlobalSetup]
    public void Setup()
    {
        _direct = new DirectWasmtime();
        _directAdd = _direct.Add;
        _sandbox = new SandboxBuilder().WithWasmText(BenchmarkGuest.Text).WithGuestFunctions<IBenchmarkGuest>().UseWasmtime().Build();
        _guest = _sandbox.Guest<IBenchmarkGuest>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sandbox.Dispose();
        _direct.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Wasmtime typed delegate")]
    public int DirectAdd() => _directAdd(_a, _b);

    [Benchmark(Description = "Hyperlight proxy on Wasmtime")]
    public int ProxyAdd() => _guest.Add(_a, _b);
}
