using BenchmarkDotNet.Attributes;
using Hyperlight.Vm;
using Hyperlight.Vm.Native;

namespace Hyperlight.Benchmarks.Vm;

/// <summary>
/// The sandbox lifecycle on the in-process driver (the memory mechanics are the same on every
/// driver): a call that dirties 16 pages followed by <see cref="Sandbox.Restore"/>, renting and
/// returning a warm pooled sandbox, and building a new sandbox. Baseline: the floor of any
/// copy-on-write restore, touching 16 pages of a private memfd mapping and discarding them with
/// one <c>madvise(MADV_DONTNEED)</c>. Goals (issue #5, for KVM): restore after 16 dirtied pages
/// ≤ 50 µs, rent from a warm pool ≤ 10 µs.
/// </summary>
[MemoryDiagnoser]
public unsafe class LifecycleBenchmarks
{
    private const int PageSize = 4096;
    private const int Pages = 16;

    // One Wasm page is 16 host pages: "Dirty" writes one byte into each.
    private static readonly byte[] DirtyingModule = global::Wasmtime.Module.ConvertText("""
        (module
          (memory 1)
          (func (export "Dirty")
            (local $address i32)
            (loop $next
              (i32.store8 (local.get $address) (i32.const 1))
              (local.set $address (i32.add (local.get $address) (i32.const 4096)))
              (br_if $next (i32.lt_u (local.get $address) (i32.const 65536))))))
        """);

    private int _fd;
    private nint _mapping;
    private Sandbox? _sandbox;
    private IDirtyingGuest? _guest;
    private SandboxPool? _pool;
    private SandboxBuilder? _builder;

    [GlobalSetup]
    public void Setup()
    {
        _fd = LibC.MemfdCreate("hl-bench", LibC.MfdCloexec);
        LibC.Ftruncate(_fd, Pages * PageSize);
        _mapping = LibC.Mmap(0, Pages * PageSize, LibC.ProtRead | LibC.ProtWrite, LibC.MapPrivate, _fd, 0);
        _builder = new SandboxBuilder()
            .WithWasmModule(DirtyingModule)
            .WithEngine(new MicroVmEngineFactory(MicroVmDriver.InProcess))
            .Configure(o => o.CallTimeout = Timeout.InfiniteTimeSpan);
        _sandbox = _builder.Build();
        _guest = _sandbox.Guest<IDirtyingGuest>();
        _pool = new SandboxPool(_builder, capacity: 1, warm: 1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pool?.Dispose();
        _sandbox?.Dispose();
        LibC.Munmap(_mapping, Pages * PageSize);
        LibC.Close(_fd);
    }

    [Benchmark(Baseline = true, Description = "touch 16 private pages + madvise(DONTNEED)")]
    public int BareCopyOnWriteRestore()
    {
        byte* page = (byte*)_mapping;
        for (int i = 0; i < Pages; i++)
            page[i * PageSize] = 1;
        return LibC.Madvise(_mapping, Pages * PageSize, LibC.MadvDontNeed);
    }

    [Benchmark(Description = "guest dirties 16 pages + Restore()")]
    public void CallAndRestore()
    {
        _guest!.Dirty();
        _sandbox!.Restore();
    }

    [Benchmark(Description = "rent + return a warm pooled sandbox (restore included)")]
    public void RentAndReturn()
    {
        using SandboxLease lease = _pool!.Rent();
    }

    [Benchmark(Description = "build a new sandbox (module already compiled)")]
    public void NewSandbox()
    {
        using Sandbox sandbox = _builder!.Build();
    }
}

[GuestFunction]
public partial interface IDirtyingGuest
{
    void Dirty();
}
