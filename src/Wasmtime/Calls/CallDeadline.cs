using global::Wasmtime;

namespace Hyperlight.Wasmtime.Calls;

/// <summary>
/// Stops a guest call that runs past its time limit or whose token is cancelled. The store's epoch
/// deadline is always one tick away; each time it passes while guest code runs, Wasmtime calls
/// <see cref="OnDeadline"/>, which either grants one more tick or throws to trap the guest. Starting
/// a call is three field writes: no timer, no registration, no allocation.
/// </summary>
internal sealed class CallDeadline
{
    private readonly long _limitTicks;
    private readonly TimeSpan _timeout;
    // Held here as well as by the store, so native code never calls into a collected delegate.
    private readonly Store.EpochDeadlineCallback _onDeadline;
    private CancellationToken _token;
    private long _startTick;
    private StopReason _stopped;

    public CallDeadline(TimeSpan timeout)
    {
        _onDeadline = OnDeadline;
        _timeout = timeout;
        _limitTicks = timeout == Timeout.InfiniteTimeSpan
            ? -1
            : Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds / SharedEngine.TickMilliseconds));
    }

    private enum StopReason { None, Cancelled, TimedOut }

    public void Attach(Store store)
    {
        store.SetEpochDeadlineCallback(_onDeadline);
        store.SetEpochDeadline(1);
    }

    public void Start(CancellationToken token)
    {
        _token = token;
        _startTick = SharedEngine.Ticks;
        _stopped = StopReason.None;
    }

    /// <summary>The exception for the caller if this deadline is what stopped the call; null otherwise. Cleared by reading.</summary>
    public Exception? TakeInterruption(string function)
    {
        StopReason stopped = _stopped;
        _stopped = StopReason.None;
        return stopped switch
        {
            StopReason.Cancelled => new OperationCanceledException($"The guest call '{function}' was cancelled.", _token),
            StopReason.TimedOut => new GuestTimeoutException(
                $"The guest call '{function}' ran past its time limit of {_timeout.TotalMilliseconds:0.###} ms and was stopped. Raise SandboxOptions.CallTimeout if the guest needs longer."),
            _ => null,
        };
    }

    private ulong OnDeadline(Store store)
    {
        if (_token.IsCancellationRequested)
            _stopped = StopReason.Cancelled;
        // Strictly greater: the start tick may be read just before the clock advances, so one more
        // tick guarantees the full limit has passed (a timeout may fire late by a tick, never early).
        else if (_limitTicks >= 0 && SharedEngine.Ticks - _startTick > _limitTicks)
            _stopped = StopReason.TimedOut;
        else
            return 1;
        // Any exception traps the guest; TakeInterruption then tells the caller why.
        throw new GuestInterruptedException();
    }

    private sealed class GuestInterruptedException() : Exception("The host stopped the guest at an epoch deadline.");
}
