using Hyperlight.Bindings;
using Hyperlight.Engines;
using Hyperlight.Wasmtime.Calls;
using Hyperlight.Wasmtime.Interop;
using Hyperlight.Wasmtime.Linking;
using global::Wasmtime;

namespace Hyperlight.Wasmtime;

/// <summary>
/// One guest instance on Wasmtime: a store with the sandbox's limits, the module instantiated with
/// every import bound to a host function, and a native call frame. No VM boundary: isolation is
/// Wasm's own checks, as enforced by Wasmtime.
/// </summary>
internal sealed unsafe class WasmtimeEngine : ISandboxEngine
{
    private readonly Module _module;
    private readonly Store _store;
    private readonly Linker _linker;
    private readonly FrameBuffer _frameBuffer;
    private readonly HostCallContext _hostCalls;
    private readonly CallDeadline _deadline;
    private readonly ModuleExports _exports;
    private readonly Instance _instance;
    private readonly GuestMemory _memory;
    private readonly List<GuestExport> _resolved = [];
    private bool _disposed;

    public WasmtimeEngine(Module module, IReadOnlyList<HostBinding> hostBindings, SandboxOptions options)
    {
        _module = module;
        _frameBuffer = new FrameBuffer(options.CallFrameSize);
        _store = new Store(SharedEngine.Engine);
        _linker = new Linker(SharedEngine.Engine);
        try
        {
            Frame = new CallFrame(_frameBuffer.Address, _frameBuffer.Size);
            _hostCalls = new HostCallContext(Frame);
            _deadline = new CallDeadline(options.CallTimeout);
            _store.SetLimits(memorySize: options.MemoryLimitBytes);
            _deadline.Attach(_store);
            _exports = new ModuleExports(module);
            HostImportBinder.Define(_linker, module, _exports, hostBindings, _hostCalls);
            _instance = Instantiate();
            _memory = new GuestMemory(_instance);
            _hostCalls.Memory = _memory;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public EngineInfo Info { get; } = new(
        "wasmtime",
        VmBoundary.None,
        $"Wasmtime {SharedEngine.Version} (Cranelift, in-process; isolation is Wasm's own checks, no VM boundary)");

    public CallFrame Frame { get; }

    public int ResolveGuestFunction(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _resolved.Add(GuestExportResolver.Resolve(function, _exports, _instance, _memory, _hostCalls.Guard));
        return _resolved.Count - 1;
    }

    public void Invoke(int function, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)function >= (uint)_resolved.Count)
            throw new ArgumentOutOfRangeException(nameof(function), function, $"Resolve the guest function first; {_resolved.Count} are resolved.");
        cancellationToken.ThrowIfCancellationRequested();
        GuestExport export = _resolved[function];
        _deadline.Start(cancellationToken);
        try
        {
            export.Invoke(Frame);
        }
        catch (WasmtimeException e)
        {
            throw Explain(e, export.Name);
        }
    }

    /// <summary>
    /// Why a call that Wasmtime ended with an error failed, from the caller's point of view: a stop
    /// at the deadline, else a failed host call, else the guest's own trap. Consumes both records.
    /// </summary>
    private Exception Explain(WasmtimeException error, string function)
    {
        Exception? interruption = _deadline.TakeInterruption(function);
        Exception? hostFailure = _hostCalls.TakeFailure();
        return interruption ?? hostFailure ?? TrapTranslator.Translate(error, function);
    }

    private Instance Instantiate()
    {
        // The start function is guest code too: it runs under the call timeout.
        const string start = "(start function)";
        _deadline.Start(CancellationToken.None);
        try
        {
            return _linker.Instantiate(_store, _module);
        }
        catch (WasmtimeException e)
        {
            Exception failure = Explain(e, start);
            // Not a trap, timeout or host failure: Wasmtime refused the instance itself (limits).
            if (failure is GuestTrapException && e is not TrapException)
                throw new SandboxConfigurationException($"Wasmtime could not instantiate the module: {WasmtimeMessages.OneLine(e.Message)}", e);
            throw failure;
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _store.Dispose();
        _linker.Dispose();
        _module.Dispose();
        _frameBuffer.Dispose();
    }
}
