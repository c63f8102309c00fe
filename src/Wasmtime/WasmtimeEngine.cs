using Hyperlight.Bindings;
using Hyperlight.Engines;
using Hyperlight.Wasm;
using Hyperlight.Wasmtime.Calls;
using Hyperlight.Wasmtime.Interop;
using Hyperlight.Wasmtime.Linking;
using global::Wasmtime;

namespace Hyperlight.Wasmtime;

/// <summary>
/// One guest on Wasmtime: the host's globals, memories and tables, the linked modules and then the
/// main module instantiated in a store with the sandbox's limits, every function import bound to a
/// host function or a linked module, and a native call frame. No VM boundary: isolation is Wasm's
/// own checks, as enforced by Wasmtime. Restoring makes a fresh store and instances (the "snapshot"
/// is the modules right after instantiation), so pools work on this engine too.
/// </summary>
internal sealed unsafe partial class WasmtimeEngine : ISandboxEngine, IRestorableEngine
{
    private const string StartFunction = "(start function)";

    private readonly Module _module;
    private readonly IReadOnlyList<NamedModule> _linked;
    private readonly WasmLinkSummary? _links;
    private readonly IReadOnlyList<HostDefinition> _hostDefinitions;
    private readonly IReadOnlyList<Images.GuestSizeCheck> _sizeChecks;
    // Null only when construction failed before creating them (Dispose then skips them).
    private readonly Linker? _linker;
    private readonly FrameBuffer? _frameBuffer;
    private readonly HostCallContext _hostCalls;
    private readonly CallDeadline _deadline;
    private readonly ModuleExports _exports;
    private readonly long _memoryLimit;
    // Resolved guest functions by index; the descriptors are kept to re-resolve after a restore.
    private readonly List<FunctionDescriptor> _functions = [];
    private readonly List<GuestExport> _resolved = [];
    private Store? _store;
    private Instance? _instance;
    private GuestMemory? _memory;
    // The linked modules' instances in the current store, by name: a re-export stages strings in its module's memory.
    private Dictionary<string, Instance> _linkedInstances = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>
    /// Takes ownership of <paramref name="module"/> and the <paramref name="linked"/> modules: they
    /// are disposed with the engine, or at once if construction fails. <paramref name="links"/> is
    /// what checking the link found (null when there was nothing to link): which exports run another
    /// module's code, and the size checks left to instantiation.
    /// </summary>
    public WasmtimeEngine(Module module, IReadOnlyList<NamedModule> linked, WasmLinkSummary? links, SandboxSetup setup)
    {
        _module = module;
        _linked = linked;
        _links = links;
        _sizeChecks = links?.SizeChecks ?? [];
        _hostDefinitions = setup.HostDefinitions;
        SandboxOptions options = setup.Options;
        _memoryLimit = options.MemoryLimitBytes;
        try
        {
            _frameBuffer = new FrameBuffer(options.CallFrameSize);
            _linker = new Linker(SharedEngine.Engine);
            Frame = new CallFrame(_frameBuffer.Address, _frameBuffer.Size);
            _hostCalls = new HostCallContext(Frame, linked: linked.Count > 0);
            _deadline = new CallDeadline(options.CallTimeout);
            _exports = new ModuleExports(module);
            HostImportBinder.Define(_linker, [.. linked.Select(l => l.Module), module], [.. linked.Select(l => l.Name)], _exports, setup.HostBindings, _hostCalls);
            Instantiate();
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
        _resolved.Add(Resolve(function));
        _functions.Add(function);
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

    /// <summary>Replaces the instance with a fresh one (start function run again) and rebinds the resolved functions to it.</summary>
    public void Restore()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Store previous = _store!;
        Instantiate();
        for (int i = 0; i < _resolved.Count; i++)
            _resolved[i] = Resolve(_functions[i]);
        previous.Dispose();
    }

    private GuestExport Resolve(FunctionDescriptor function) =>
        GuestExportResolver.Resolve(function, _exports, _instance!, StagingFor(function.Name), _hostCalls.Guard);

    /// <summary>
    /// A re-export of a linked module that exports its memory stages strings there, as on the
    /// micro-VM; without that export Wasmtime offers no way into its memory, so the main module's serves.
    /// </summary>
    private StagingMemory StagingFor(string export)
    {
        if (_links?.ModuleRunning(export) is string owner)
        {
            var ownerExports = new ModuleExports(_linked.First(l => l.Name == owner).Module);
            if (ownerExports.Find(GuestMemory.MemoryExport) is MemoryExport)
                return new StagingMemory(ownerExports, new GuestMemory(_linkedInstances[owner]));
        }
        return new StagingMemory(_exports, _memory!);
    }

    /// <summary>Creates a store and instance; the current ones are replaced only when this succeeds.</summary>
    private void Instantiate()
    {
        var store = new Store(SharedEngine.Engine);
        GuestMemory? current = _memory;
        string running = StartFunction;
        try
        {
            store.SetLimits(memorySize: _memoryLimit);
            _deadline.Attach(store);
            // The start function is guest code too: it runs under the call timeout, and a host call
            // it makes must not reach the memory of the instance being replaced.
            _deadline.Start(CancellationToken.None);
            _hostCalls.Memory = null;
            var linkedInstances = new Dictionary<string, Instance>(StringComparer.Ordinal);
            Instance instance = InstantiateAll(store, linkedInstances, ref running);
            _memory = new GuestMemory(instance);
            _instance = instance;
            _linkedInstances = linkedInstances;
            _store = store;
            _hostCalls.Memory = _memory;
        }
        catch (Exception e)
        {
            _hostCalls.Memory = current;
            store.Dispose();
            if (e is not WasmtimeException error)
                throw;
            Exception failure = Explain(error, running);
            // Not a trap, timeout or host failure: Wasmtime refused the instance itself (limits).
            if (failure is GuestTrapException && error is not TrapException)
                throw new SandboxConfigurationException($"Wasmtime could not instantiate the module: {WasmtimeMessages.OneLine(error.Message)}", error);
            throw failure;
        }
    }

    /// <summary>
    /// Defines the host's definitions in <paramref name="store"/>, instantiates the linked modules in
    /// order (each registered under its name for the next) and then the main module.
    /// <paramref name="running"/> names whose start function runs, for the error if one fails.
    /// </summary>
    private Instance InstantiateAll(Store store, Dictionary<string, Instance> linkedInstances, ref string running)
    {
        if (_linked.Count == 0 && _hostDefinitions.Count == 0)
            return _linker!.Instantiate(store, _module);
        // The store's items go into a copy: the shared linker keeps only store-independent host functions.
        using Linker linker = _linker!.Clone();
        HostDefinitions.Define(linker, store, _hostDefinitions);
        foreach (NamedModule linked in _linked)
        {
            ImportSizeChecks.Run(_sizeChecks, linked.Name, linker, store);
            running = $"(start function of linked module '{linked.Name}')";
            Instance instance = linker.Instantiate(store, linked.Module);
            linkedInstances.Add(linked.Name, instance);
            linker.DefineInstance(store, linked.Name, instance);
        }
        ImportSizeChecks.Run(_sizeChecks, WasmLinkUnit.MainModuleName, linker, store);
        running = StartFunction;
        return linker.Instantiate(store, _module);
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

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _store?.Dispose();
        _linker?.Dispose();
        _module.Dispose();
        foreach (NamedModule linked in _linked)
            linked.Module.Dispose();
        _frameBuffer?.Dispose();
    }
}
