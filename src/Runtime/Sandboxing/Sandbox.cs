using Hyperlight.Bindings;
using Hyperlight.Engines;

namespace Hyperlight;

/// <summary>
/// A guest module running in its own isolated instance. Get typed access with <see cref="Guest{T}"/>,
/// or untyped access by export name (<see cref="Invoke(string, WasmValue[])"/>, globals, memory).
/// Not thread-safe: one call at a time (use a pool for concurrency). Dispose to release the VM.
/// </summary>
public sealed partial class Sandbox : IDisposable
{
    private readonly ISandboxEngine _engine;
    private readonly Dictionary<Type, object> _proxies = [];
    private int _callInProgress;
    private bool _disposed;

    internal Sandbox(ISandboxEngine engine) => _engine = engine;

    /// <summary>What runs this sandbox (engine name and VM boundary).</summary>
    public EngineInfo Engine => _engine.Info;

    /// <summary>
    /// The typed proxy for guest interface <typeparamref name="T"/>. Its exports are resolved and
    /// checked the first time (at build if declared with <see cref="SandboxBuilder.WithGuestFunctions{T}"/>).
    /// </summary>
    public T Guest<T>() where T : class, IGuestFunctions<T>
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_proxies.TryGetValue(typeof(T), out object? existing))
            return (T)existing;
        T proxy = T.CreateProxy(Bind(T.GuestDescriptor));
        _proxies.Add(typeof(T), proxy);
        return proxy;
    }

    internal void Prepare<T>() where T : class, IGuestFunctions<T> => Guest<T>();

    private GuestBinding Bind(GuestInterfaceDescriptor descriptor)
    {
        var exports = new int[descriptor.Functions.Count];
        for (int i = 0; i < exports.Length; i++)
            exports[i] = _engine.ResolveGuestFunction(descriptor.Functions[i]);
        return new GuestBinding(this, exports, descriptor);
    }

    internal ISandboxEngine EnterableEngine()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _callInProgress) != 0)
            throw new InvalidOperationException("This sandbox is already running a call. A host function cannot call back into its own sandbox, and a sandbox serves one thread at a time (use a SandboxPool for concurrency).");
        return _engine;
    }

    internal void Invoke(int export, CancellationToken cancellationToken)
    {
        BeginCall();
        try
        {
            _engine.Invoke(export, cancellationToken);
        }
        finally
        {
            EndCall();
        }
    }

    /// <summary>Claims the sandbox for one operation on the guest; <see cref="EndCall"/> releases it.</summary>
    private void BeginCall()
    {
        if (Interlocked.Exchange(ref _callInProgress, 1) != 0)
            throw new InvalidOperationException("This sandbox is already running a call on another thread.");
    }

    private void EndCall() => Volatile.Write(ref _callInProgress, 0);

    /// <summary>
    /// Returns the guest to its state right after initialisation, discarding what calls changed.
    /// Throws <see cref="NotSupportedException"/> for engines without snapshots.
    /// </summary>
    public void Restore()
    {
        ISandboxEngine engine = EnterableEngine();
        if (engine is not IRestorableEngine restorable)
            throw new NotSupportedException($"The {engine.Info.Name} engine cannot restore a snapshot.");
        restorable.Restore();
    }

    /// <summary>True when <see cref="Restore"/> is supported by this sandbox's engine.</summary>
    public bool CanRestore => _engine is IRestorableEngine;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _engine.Dispose();
    }
}
