using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Wasmtime;

namespace Hyperlight.Benchmarks.Compiler;

/// <summary>
/// Compiled-code quality: each kernel on our compiler (micro-VM engine, in-process driver) against
/// the same module on Wasmtime .NET (Cranelift), the baseline of its category. The minimum and
/// median are shown beside the mean: on a shared machine they are far less disturbed by other load.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class KernelBenchmarks
{
    private HyperlightKernels _ours = null!;
    private Engine _engine = null!;
    private Store _store = null!;
    private Func<int, int> _fib = null!, _sieve = null!, _crc = null!;
    private Func<int, double> _matmul = null!;

    [GlobalSetup]
    public void Setup()
    {
        byte[] wasm = Module.ConvertText(ComputeKernels.Text);
        _ours = new HyperlightKernels(wasm);
        _engine = new Engine();
        using var module = Module.FromBytes(_engine, "kernels", wasm);
        _store = new Store(_engine);
        var instance = new Instance(_store, module);
        _fib = instance.GetFunction<int, int>("fib")!;
        _sieve = instance.GetFunction<int, int>("sieve")!;
        _matmul = instance.GetFunction<int, double>("matmul")!;
        _crc = instance.GetFunction<int, int>("crc32")!;
        if (_ours.Fib(20) != _fib(20) || _ours.Sieve(1000) != _sieve(1000) || _ours.Matmul(8) != _matmul(8))
            throw new InvalidOperationException("The engines disagree on a kernel result; the timings would be meaningless.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ours.Dispose();
        _store.Dispose();
        _engine.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("fib")]
    public int Fib_Wasmtime() => _fib(ComputeKernels.FibArgument);

    [Benchmark, BenchmarkCategory("fib")]
    public int Fib_Hyperlight() => _ours.Fib(ComputeKernels.FibArgument);

    [Benchmark(Baseline = true), BenchmarkCategory("sieve")]
    public int Sieve_Wasmtime() => _sieve(ComputeKernels.SieveLimit);

    [Benchmark, BenchmarkCategory("sieve")]
    public int Sieve_Hyperlight() => _ours.Sieve(ComputeKernels.SieveLimit);

    [Benchmark(Baseline = true), BenchmarkCategory("matmul")]
    public double Matmul_Wasmtime() => _matmul(ComputeKernels.MatrixSize);

    [Benchmark, BenchmarkCategory("matmul")]
    public double Matmul_Hyperlight() => _ours.Matmul(ComputeKernels.MatrixSize);

    [Benchmark(Baseline = true), BenchmarkCategory("crc32")]
    public int Crc32_Wasmtime() => _crc(ComputeKernels.CrcBytes);

    [Benchmark, BenchmarkCategory("crc32")]
    public int Crc32_Hyperlight() => _ours.Crc32(ComputeKernels.CrcBytes);
}
