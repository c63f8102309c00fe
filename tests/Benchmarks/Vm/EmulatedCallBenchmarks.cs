using BenchmarkDotNet.Attributes;
using Hyperlight.Vm;
using Hyperlight.Vm.Emulated;

namespace Hyperlight.Benchmarks.Vm;

/// <summary>
/// Guest calls and host-call round trips on the emulated (Unicorn) driver against the floor of any
/// Unicorn-based design: one bare <c>uc_emu_start</c> of a one-instruction guest. Goal: at most 2×.
/// </summary>
[MemoryDiagnoser]
public unsafe class EmulatedCallBenchmarks
{
    private const ulong CodeAddress = 0x1000;

    private nint _unicorn;
    private byte* _page;
    private Sandbox? _sandbox;
    private IVmBenchmarkGuest? _guest;

    [GlobalSetup]
    public void Setup()
    {
        Check(Unicorn.Open(Unicorn.ArchX86, Unicorn.Mode64, out _unicorn));
        _page = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(4096, 4096);
        new Span<byte>(_page, 4096).Fill(0x90); // nop
        Check(Unicorn.MemMapPtr(_unicorn, CodeAddress, 4096, Unicorn.ProtAll, _page));
        _sandbox = VmBenchmarkModule.Create(MicroVmDriver.Emulated);
        _guest = _sandbox.Guest<IVmBenchmarkGuest>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sandbox?.Dispose();
        Unicorn.Close(_unicorn);
        System.Runtime.InteropServices.NativeMemory.AlignedFree(_page);
    }

    [Benchmark(Baseline = true, Description = "bare uc_emu_start, one nop")]
    public int BareEmulation() => Unicorn.EmuStart(_unicorn, CodeAddress, CodeAddress + 1, 0, 0);

    [Benchmark(Description = "emulated guest Add")]
    public int GuestCall() => _guest!.Add(1, 2);

    [Benchmark(Description = "emulated guest call with one host call")]
    public int HostCallRoundTrip() => _guest!.CallHost(1);

    private static void Check(int error)
    {
        if (error != Unicorn.ErrOk)
            throw new InvalidOperationException(Unicorn.Describe(error));
    }
}
