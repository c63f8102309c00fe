using Hyperlight.Bindings;

namespace Hyperlight.Engines;

/// <summary>
/// One running instance of a guest: what a <see cref="Sandbox"/> drives. Arguments and results
/// travel through <see cref="Frame"/>; host calls go to the <see cref="HostBinding"/>s it was
/// created with. Not thread-safe: one call at a time.
/// </summary>
public interface ISandboxEngine : IDisposable
{
    EngineInfo Info { get; }

    /// <summary>The call frame shared with the guest.</summary>
    CallFrame Frame { get; }

    /// <summary>
    /// Finds the export for <paramref name="function"/> and checks its signature; returns the index to
    /// pass to <see cref="Invoke"/>. Throws <see cref="GuestBindingException"/> naming the function and
    /// listing what the module exports.
    /// </summary>
    int ResolveGuestFunction(FunctionDescriptor function);

    /// <summary>
    /// Runs a resolved guest function on the arguments in <see cref="Frame"/> and leaves its result
    /// there. Failures: <see cref="GuestTrapException"/>, <see cref="GuestTimeoutException"/>,
    /// <see cref="OperationCanceledException"/>, <see cref="HostFunctionException"/>,
    /// <see cref="GuestProtocolException"/>, <see cref="GuestCrashException"/>; after any of them the
    /// engine is usable again for the next call.
    /// </summary>
    void Invoke(int function, CancellationToken cancellationToken);
}
