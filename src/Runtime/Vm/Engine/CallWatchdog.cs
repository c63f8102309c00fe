using System.Diagnostics;

namespace Hyperlight.Vm.Engine;

/// <summary>
/// Enforces <see cref="SandboxOptions.CallTimeout"/> and a call's <see cref="CancellationToken"/>:
/// when either fires it runs the engine's interrupt action (interrupt flag + driver interrupt), and
/// keeps re-running it every <see cref="RetryPeriod"/> until the call ends, because a driver stop that
/// races with the driver entering the guest can be lost. A call with no timeout and a token that
/// cannot be cancelled arms nothing (the fast path).
/// </summary>
internal sealed class CallWatchdog : IDisposable
{
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(20);

    private readonly Lock _gate = new();
    private readonly Action _interrupt;
    private readonly TimeSpan _timeout;
    private Timer? _timer;
    private CancellationTokenRegistration _registration;
    private CancellationToken _token;
    private long _deadline;
    private bool _active;
    private volatile bool _fired;

    public CallWatchdog(TimeSpan timeout, Action interrupt)
    {
        _timeout = timeout;
        _interrupt = interrupt;
    }

    /// <summary>True once the watchdog interrupted the current call.</summary>
    public bool Fired => _fired;

    public TimeSpan Timeout => _timeout;

    /// <summary>Starts watching a call; false when there is nothing to watch (no <see cref="Disarm"/> needed then).</summary>
    public bool Arm(CancellationToken token)
    {
        bool timed = _timeout != System.Threading.Timeout.InfiniteTimeSpan;
        _fired = false;
        if (!timed && !token.CanBeCanceled)
            return false;
        lock (_gate)
        {
            _active = true;
            _token = token;
            _deadline = timed ? Stopwatch.GetTimestamp() + (long)(_timeout.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        }
        if (timed)
        {
            _timer ??= new Timer(static state => ((CallWatchdog)state!).Fire(), this, System.Threading.Timeout.Infinite, System.Threading.Timeout.Infinite);
            _timer.Change(_timeout, System.Threading.Timeout.InfiniteTimeSpan);
        }
        if (token.CanBeCanceled)
            _registration = token.UnsafeRegister(static state => ((CallWatchdog)state!).Fire(), this);
        return true;
    }

    public void Disarm()
    {
        // Waits for a cancellation callback in progress, so none runs into the next call.
        _registration.Dispose();
        _registration = default;
        lock (_gate)
        {
            _active = false;
            _token = default;
        }
        _timer?.Change(System.Threading.Timeout.Infinite, System.Threading.Timeout.Infinite);
    }

    /// <summary>The exception for a call the watchdog stopped: cancellation wins over the timeout.</summary>
    public Exception InterruptedException(CancellationToken token) =>
        token.IsCancellationRequested
            ? new OperationCanceledException("The guest call was cancelled and the guest was stopped.", token)
            : new GuestTimeoutException($"The guest call did not finish within SandboxOptions.CallTimeout ({_timeout}) and was stopped.");

    public void Dispose()
    {
        if (_timer is null)
            return;
        using var done = new ManualResetEvent(false);
        if (_timer.Dispose(done))
            done.WaitOne();
        _timer = null;
    }

    private void Fire()
    {
        lock (_gate)
        {
            // A timer tick queued before the previous call ended can arrive during the next one: only
            // act when this call's deadline or token (or an earlier firing) justifies it.
            if (!_active || !(_fired || _token.IsCancellationRequested || Stopwatch.GetTimestamp() >= _deadline))
                return;
            _fired = true;
            _interrupt();
            _timer?.Change(RetryPeriod, System.Threading.Timeout.InfiniteTimeSpan);
        }
    }
}
