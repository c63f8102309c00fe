namespace Hyperlight.Vm.Engine;

/// <summary>
/// Enforces <see cref="SandboxOptions.CallTimeout"/> and a call's <see cref="CancellationToken"/>:
/// when either fires it runs the engine's interrupt action (interrupt flag + driver interrupt), and
/// keeps re-running it on every <see cref="DeadlineClock"/> tick until the call ends, because a
/// driver stop that races with the driver entering the guest can be lost. Arming is a few stores
/// (the shared clock checks the deadline); a call with no timeout and a token that cannot be
/// cancelled arms nothing.
/// </summary>
internal sealed class CallWatchdog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Action _interrupt;
    private readonly TimeSpan _timeout;
    private readonly long _timeoutMilliseconds;
    private CancellationTokenRegistration _registration;
    private CancellationToken _token;
    private long _deadline;
    private volatile bool _active;
    private volatile bool _fired;

    public CallWatchdog(TimeSpan timeout, Action interrupt)
    {
        _timeout = timeout;
        _interrupt = interrupt;
        _timeoutMilliseconds = timeout == Timeout.InfiniteTimeSpan ? -1 : (long)Math.Ceiling(timeout.TotalMilliseconds);
        if (_timeoutMilliseconds >= 0)
            DeadlineClock.Add(this);
    }

    /// <summary>True once the watchdog interrupted the current call.</summary>
    public bool Fired => _fired;

    /// <summary>Starts watching a call; false when there is nothing to watch (no <see cref="Disarm"/> needed then).</summary>
    public bool Arm(CancellationToken token)
    {
        _fired = false;
        if (_timeoutMilliseconds < 0 && !token.CanBeCanceled)
            return false;
        _token = token;
        _deadline = _timeoutMilliseconds < 0 ? long.MaxValue : Environment.TickCount64 + _timeoutMilliseconds;
        _active = true; // volatile: a clock tick that sees it also sees the deadline and token above
        if (token.CanBeCanceled)
            _registration = token.UnsafeRegister(static state => ((CallWatchdog)state!).Fire(), this);
        return true;
    }

    public void Disarm()
    {
        // Waits for a cancellation callback in progress; the lock waits for a clock tick in progress,
        // so no interrupt meant for this call lands in the next one.
        _registration.Dispose();
        _registration = default;
        lock (_gate)
        {
            _active = false;
            _token = default;
        }
    }

    /// <summary>
    /// Fires now if the call is past its deadline or cancelled, without waiting for the clock's next
    /// tick (which a busy thread pool can delay); true when the call is to stop.
    /// </summary>
    public bool StopDue()
    {
        if (_active && !_fired)
            Fire();
        return _fired;
    }

    /// <summary>Called by <see cref="DeadlineClock"/> on every tick.</summary>
    public void CheckDeadline(long now)
    {
        if (_active && (_fired || now >= _deadline))
            Fire();
    }

    /// <summary>The exception for a call the watchdog stopped: cancellation wins over the timeout.</summary>
    public Exception StoppedCallException(CancellationToken token) =>
        token.IsCancellationRequested
            ? new OperationCanceledException("The guest call was cancelled and the guest was stopped.", token)
            : new GuestTimeoutException($"The guest call did not finish within SandboxOptions.CallTimeout ({_timeout}) and was stopped.");

    public void Dispose()
    {
        if (_timeoutMilliseconds >= 0)
            DeadlineClock.Remove(this);
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (!_active || !(_fired || _token.IsCancellationRequested || Environment.TickCount64 >= _deadline))
                return;
            _fired = true;
            _interrupt();
        }
    }
}
