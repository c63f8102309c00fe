using BenchmarkDotNet.Attributes;
using Hyperlight.Vm;

namespace Hyperlight.Benchmarks.Compiler;

/// <summary>
/// What a call between linked modules costs when they use different linear memories (the memory
/// base switched around each call) against the same modules sharing one memory, in-process, in the
/// same run: 100,000 calls per invocation, direct and through call_indirect, each followed by a load
/// from the caller's memory.
/// </summary>
[MemoryDiagnoser]
public class CrossModuleCallBenchmarks
{
    private const int Calls = 100_000;

    private const string Library = """
        (module
          (memory (export "memory") 1)
          (table (export "table") 1 funcref)
          (func $get (export "get") (param i32) (result i32) (i32.load (local.get 0)))
          (elem (i32.const 0) $get))
        """;

    private const string MainImports = """
          (import "lib" "get" (func $get (param i32) (result i32)))
          (import "lib" "table" (table 1 funcref))
        """;

    private const string MainFunctions = """
          (type $getter (func (param i32) (result i32)))
          (func (export "Direct") (param $n i32) (result i32) (local $sum i32)
            (loop $next
              (local.set $sum (i32.add (local.get $sum) (call $get (i32.and (local.get $n) (i32.const 4092)))))
              (local.set $sum (i32.add (local.get $sum) (i32.load (i32.const 8))))
              (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $sum))
          (func (export "Indirect") (param $n i32) (result i32) (local $sum i32)
            (loop $next
              (local.set $sum (i32.add (local.get $sum) (call_indirect (type $getter) (i32.and (local.get $n) (i32.const 4092)) (i32.const 0))))
              (local.set $sum (i32.add (local.get $sum) (i32.load (i32.const 8))))
              (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $sum))
        """;

    private Sandbox? _oneMemory;
    private Sandbox? _twoMemories;
    private ICrossModuleGuest? _shared;
    private ICrossModuleGuest? _separate;

    [GlobalSetup]
    public void Setup()
    {
        _oneMemory = Build($$"""(module {{MainImports}} (import "lib" "memory" (memory 1)) {{MainFunctions}})""");
        _twoMemories = Build($$"""(module {{MainImports}} (memory 1) {{MainFunctions}})""");
        _shared = _oneMemory.Guest<ICrossModuleGuest>();
        _separate = _twoMemories.Guest<ICrossModuleGuest>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _oneMemory?.Dispose();
        _twoMemories?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "100k direct cross-module calls, one shared memory")]
    public int DirectOneMemory() => _shared!.Direct(Calls);

    [Benchmark(Description = "100k direct cross-module calls, a memory per module")]
    public int DirectTwoMemories() => _separate!.Direct(Calls);

    [Benchmark(Description = "100k call_indirect into the other module, one shared memory")]
    public int IndirectOneMemory() => _shared!.Indirect(Calls);

    [Benchmark(Description = "100k call_indirect into the other module, a memory per module")]
    public int IndirectTwoMemories() => _separate!.Indirect(Calls);

    private static Sandbox Build(string main) =>
        new SandboxBuilder()
            .WithWasmModule(global::Wasmtime.Module.ConvertText(main))
            .WithLinkedModule("lib", global::Wasmtime.Module.ConvertText(Library))
            .WithEngine(new MicroVmEngineFactory(MicroVmDriver.InProcess))
            .Configure(o => o.CallTimeout = Timeout.InfiniteTimeSpan)
            .Build();
}

[GuestFunction]
public partial interface ICrossModuleGuest
{
    int Direct(int n);

    int Indirect(int n);
}
