using BenchmarkDotNet.Attributes;
using Hyperlight.Benchmarks.Vm;
using Hyperlight.Wasm;
using Hyperlight.Wasm.Caching;

namespace Hyperlight.Benchmarks.Compiler;

/// <summary>
/// What a new process pays for a sandbox's guest image: compiling it (baseline) against loading it
/// from a warm on-disk <see cref="CompiledImageCache"/> (key hash of the module, file read, entry
/// checksum, deserialization). A new <see cref="WasmLinkUnit"/> per call, as in a new process, so
/// the key is hashed every time. Two modules: the micro-VM benchmarks' two-function guest, and the
/// 400-function synthetic module of <see cref="CompileBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class ImageCacheBenchmarks
{
    private string _directory = null!;
    private CompiledImageCache _cache = null!;
    private byte[] _module = null!;

    [Params("small", "synthetic")]
    public string Module { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _module = Module == "small" ? VmBenchmarkModule.Bytes : global::Wasmtime.Module.ConvertText(CompileBenchmarks.SyntheticModule());
        _directory = Path.Combine(Path.GetTempPath(), $"hl-bench-cache-{Guid.NewGuid():N}");
        _cache = new CompiledImageCache(_directory);
        _cache.GetOrCompile(_module);
        long entry = new DirectoryInfo(_directory).EnumerateFiles("*.hlimg").Single().Length;
        Console.WriteLine($"// {Module}: module {_module.Length} bytes, cache entry {entry} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true)]
    public object Compile() => WasmLinkUnit.Single(_module).Link();

    [Benchmark]
    public object LoadFromDiskCache() => _cache.GetOrCompile(WasmLinkUnit.Single(_module));
}
