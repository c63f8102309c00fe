using Hyperlight.Bindings;
using Hyperlight.Engines;
using Hyperlight.Vm;
using Hyperlight.Wasm;

namespace Hyperlight.Benchmarks.Compiler;

/// <summary>The kernels compiled by our compiler and run by the micro-VM engine's in-process driver, called through the raw frame.</summary>
internal sealed class HyperlightKernels : IDisposable
{
    private readonly ISandboxEngine _engine;
    private readonly int _fib, _sieve, _matmul, _crc;

    public HyperlightKernels(byte[] wasm)
    {
        var factory = new MicroVmEngineFactory(MicroVmDriver.InProcess, WasmCompiler.Compile(wasm));
        _engine = factory.Create(new SandboxSetup(wasm, [], new SandboxOptions()));
        _fib = Resolve("fib", AbiType.Int32, AbiType.Int32);
        _sieve = Resolve("sieve", AbiType.Int32, AbiType.Int32);
        _matmul = Resolve("matmul", AbiType.Double, AbiType.Int32);
        _crc = Resolve("crc32", AbiType.Int32, AbiType.Int32);
    }

    public int Fib(int n) => Call(_fib, n).GetInt32(0);

    public int Sieve(int n) => Call(_sieve, n).GetInt32(0);

    public double Matmul(int n) => Call(_matmul, n).GetDouble(0);

    public int Crc32(int length) => Call(_crc, length).GetInt32(0);

    private int Resolve(string name, AbiType result, AbiType parameter) =>
        _engine.ResolveGuestFunction(new FunctionDescriptor(name, name, result, parameter));

    private CallFrame Call(int function, int argument)
    {
        CallFrame frame = _engine.Frame;
        frame.Begin((uint)function, CallFrameStatus.GuestCallRequested, 1);
        frame.SetSignature([AbiType.Int32], AbiType.Int32);
        frame.SetInt32(0, argument);
        _engine.Invoke(function, CancellationToken.None);
        return frame;
    }

    public void Dispose() => _engine.Dispose();
}
