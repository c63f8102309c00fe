using System.Runtime.InteropServices;
using Hyperlight.Bindings;
using Hyperlight.Engines;

namespace Hyperlight.Generators.Tests.Proxies;

/// <summary>
/// An engine whose guest does nothing unless told to: the frame keeps what the proxy wrote, so
/// tests can inspect the header and slots after a call. Export indices are offset from function
/// numbers so a proxy that confused the two would be caught.
/// </summary>
internal sealed unsafe class LoopbackEngine : ISandboxEngine, ISandboxEngineFactory
{
    public const int ExportIndexOffset = 100;

    private readonly byte* _memory;

    public LoopbackEngine()
    {
        _memory = (byte*)NativeMemory.AllocZeroed(CallFrameLayout.MinimumSize);
        Frame = new CallFrame(_memory, CallFrameLayout.MinimumSize);
    }

    public EngineInfo Info { get; } = new("loopback", VmBoundary.None, "test engine that returns the frame unchanged");

    public VmBoundary Boundary => VmBoundary.None;

    public CallFrame Frame { get; }

    public List<FunctionDescriptor> Resolved { get; } = [];

    public int Invocations { get; private set; }

    public int LastExport { get; private set; } = -1;

    public CancellationToken LastToken { get; private set; }

    /// <summary>What the guest does during a call, e.g. write a result other than the argument.</summary>
    public Action<CallFrame>? Guest { get; set; }

    public ISandboxEngine Create(SandboxSetup setup) => this;

    public int ResolveGuestFunction(FunctionDescriptor function)
    {
        Resolved.Add(function);
        return ExportIndexOffset + Resolved.Count - 1;
    }

    public void Invoke(int function, CancellationToken cancellationToken)
    {
        Invocations++;
        LastExport = function;
        LastToken = cancellationToken;
        Guest?.Invoke(Frame);
    }

    public void Dispose() => NativeMemory.Free(_memory);

    /// <summary>A sandbox over a new loopback engine.</summary>
    public static (Sandbox Sandbox, LoopbackEngine Engine) CreateSandbox()
    {
        var engine = new LoopbackEngine();
        Sandbox sandbox = new SandboxBuilder().WithWasmModule(new byte[] { 0 }).WithEngine(engine).Build();
        return (sandbox, engine);
    }
}
