using Hyperlight.Bindings;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Calls;

/// <summary>What host imports share with their engine: the frame, the guest's memory, and the failure that ended a call.</summary>
internal sealed class HostCallContext(CallFrame frame, bool linked)
{
    public CallFrame Frame { get; } = frame;

    public HostCallGuard Guard { get; } = new();

    /// <summary>Set once the instance exists; a host call during the module's start function has no memory to use yet.</summary>
    public GuestMemory? Memory { get; set; }

    /// <summary>
    /// The memory a host call's strings and bytes cross in: in a sandbox of linked modules, which may
    /// each own a memory, the calling module's exported memory (the main module's when the caller
    /// exports none); otherwise the main module's, looked up once per instance.
    /// </summary>
    public GuestMemory? MemoryOf(Caller caller) =>
        linked && Memory is not null ? GuestMemory.OfCaller(caller) ?? Memory : Memory;

    /// <summary>
    /// Why a host call failed. Wasmtime turns the exception into a trap that unwinds the guest; the
    /// engine then rethrows this, so the caller sees the host's exception rather than a trap.
    /// </summary>
    public Exception? Failure { get; set; }

    public Exception? TakeFailure()
    {
        Exception? failure = Failure;
        Failure = null;
        return failure;
    }
}
