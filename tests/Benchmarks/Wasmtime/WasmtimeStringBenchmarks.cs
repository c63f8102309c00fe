using System.Buffers.Binary;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Hyperlight.Benchmarks.Wasmtime;

/// <summary>
/// A 1 KiB string to the guest and back. Baseline: the same canonical-ABI steps written by hand
/// against Wasmtime (cabi_realloc, encode into guest memory, call, read the return area, decode,
/// post-return). The only allocation either way should be the result string.
/// </summary>
[MemoryDiagnoser]
public class WasmtimeStringBenchmarks
{
    private readonly string _text = new('x', 1024);
    private DirectWasmtime _direct = null!;
    private Sandbox _sandbox = null!;
    private IBenchmarkGuest _guest = null!;

    [GlobalSetup]
    public void Setup()
    {
        _direct = new DirectWasmtime();
        _sandbox = new SandboxBuilder().WithWasmText(BenchmarkGuest.Text).WithGuestFunctions<IBenchmarkGuest>().UseWasmtime().Build();
        _guest = _sandbox.Guest<IBenchmarkGuest>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sandbox.Dispose();
        _direct.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Hand-written canonical ABI on Wasmtime")]
    public string DirectEcho()
    {
        int length = Encoding.UTF8.GetByteCount(_text);
        int pointer = _direct.Realloc(0, 0, 1, length);
        Encoding.UTF8.GetBytes(_text, _direct.Memory.GetSpan(pointer, length));
        int area = _direct.Echo(pointer, length);
        Span<byte> record = _direct.Memory.GetSpan(area, 8);
        int resultPointer = BinaryPrimitives.ReadInt32LittleEndian(record);
        int resultLength = BinaryPrimitives.ReadInt32LittleEndian(record[4..]);
        string result = Encoding.UTF8.GetString(_direct.Memory.GetSpan(resultPointer, resultLength));
        _direct.PostEcho(area);
        return result;
    }

    [Benchmark(Description = "Hyperlight proxy on Wasmtime")]
    public string ProxyEcho() => _guest.Echo(_text);
}
