using BenchmarkDotNet.Attributes;
using Hyperlight.Vm;
using Hyperlight.Vm.Native;

namespace Hyperlight.Benchmarks.Vm;

/// <summary>
/// A guest call on the in-process driver (generated proxy → frame → enter stub → compiled dispatcher
/// → return stub) against the floor: a direct <c>delegate* unmanaged</c> call of the same addition
/// as native code. Goal: at most 10× the baseline.
/// </summary>
[MemoryDiagnoser]
public unsafe class InProcessCallBenchmarks
{
    // lea eax, [rdi + rsi]; ret
    private static readonly byte[] NativeAdd = [0x8D, 0x04, 0x37, 0xC3];

    private nint _code;
    private delegate* unmanaged<int, int, int> _add;
    private Sandbox? _sandbox, _timedSandbox;
    private IVmBenchmarkGuest? _guest, _timedGuest;
    private int _a = 1;

    [GlobalSetup]
    public void Setup()
    {
        _code = LibC.Mmap(0, 4096, LibC.ProtRead | LibC.ProtWrite, LibC.MapPrivate | LibC.MapAnonymous, -1, 0);
        NativeAdd.CopyTo(new Span<byte>((void*)_code, NativeAdd.Length));
        LibC.Mprotect(_code, 4096, LibC.ProtRead | LibC.ProtExec);
        _add = (delegate* unmanaged<int, int, int>)_code;
        _sandbox = VmBenchmarkModule.Create(MicroVmDriver.InProcess);
        _guest = _sandbox.Guest<IVmBenchmarkGuest>();
        _timedSandbox = VmBenchmarkModule.Create(MicroVmDriver.InProcess, timed: true);
        _timedGuest = _timedSandbox.Guest<IVmBenchmarkGuest>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sandbox?.Dispose();
        _timedSandbox?.Dispose();
        LibC.Munmap(_code, 4096);
    }

    [Benchmark(Baseline = true, Description = "direct delegate* unmanaged add")]
    public int DirectNativeCall() => _add(_a, 2);

    [Benchmark(Description = "in-process guest Add (no timeout)")]
    public int GuestCall() => _guest!.Add(_a, 2);

    [Benchmark(Description = "in-process guest Add (5 s timeout armed)")]
    public int GuestCallWithTimeout() => _timedGuest!.Add(_a, 2);
}
