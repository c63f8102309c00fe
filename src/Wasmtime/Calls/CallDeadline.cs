using global::Wasmtime;

namespace Hyperlight.Wasmtime.Calls;

/// <summary>
/// Stops a guest call that runs past its time limit or whose token is cancelled. The store's epoch
/// deadline is always one tick away; each time it passes while guest code runs, Wasmtime calls
/// <see cref="OnDeadline"/>, which either grants one more tick or throws to trap the guest. Starting
/// a call is two field writes: no timer, no registration, no allocation.
/// </summary>
internal sealed class CallDeadline
{
    private readonly long _limitTicks;
    private readonly TimeSpan _timeout;
    private CancellationToken _token;
    private long _startTick;
    private string _function = "";
    private Exception? _interruption;

    public CallDeadline(TimeSpan timeout)
    {
        _timeout = timeout;
        _limitTicks = timeout == Timeout.InfiniteTimeSpan
            ? -1
            : Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds / SharedEngine.TickMilliseconds));
    }

    public void Attach(Store store)
    {
        store.SetEpochDeadlineCallback(OnDeadline);
        store.SetEpochDeadline(1);
    }

    public void Start(string function, CancellationToken token)
    {
        _function = function;
        _token = token;
        _startTick = SharedEngine.Ticks;
        _interruption = null;
    }

    /// <summary>The timeout or cancellation that stopped the call, if that is why it failed; cleared by reading.</summary>
    public Exception? TakeInterruption()
    {
        Exception? interruption = _interruption;
        _interruption = null;
        _token = default;
        return interruption;
    }

    private ulong OnDeadline(Store store)
    {
        if (_token.IsCancellationRequested)
            _interruption = new OperationCanceledException($"The guest call '{_function}' was cancelled.", _token);
        // Strictly greater: the start tick may be read just before the clock advances, so one more
        // tick guarantees the full limit has passed (a timeout may fire late by a tick, never early).
        else if (_limitTicks >= 0 && SharedEngine.Ticks - _startTick > _limitTicks)
            _interruption = new GuestTimeoutException(
                $"The guest call '{_function}' ran past its time limit of {_timeout.TotalMilliseconds:0.###} ms and was stopped. Raise SandboxOptions.CallTimeout if the guest needs longer.");
        else
            return 1;
        throw _interruption;
    }
}
