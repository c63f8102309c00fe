namespace Hyperlight.Vm.Engine;

/// <summary>
/// One process-wide tick (every <see cref="Period"/>) that checks the deadlines of all watchdogs, so
/// a call with a timeout costs a few stores instead of arming a timer of its own. Watchdogs are held
/// weakly: an engine that is never disposed can still be collected.
/// </summary>
internal static class DeadlineClock
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(10);

    private static readonly Lock Gate = new();
    private static readonly List<WeakReference<CallWatchdog>> Watched = [];
    private static Timer? s_timer;

    public static void Add(CallWatchdog watchdog)
    {
        lock (Gate)
        {
            Watched.Add(new WeakReference<CallWatchdog>(watchdog));
            s_timer ??= new Timer(static _ => Tick(), null, Period, Period);
        }
    }

    public static void Remove(CallWatchdog watchdog)
    {
        lock (Gate)
            Watched.RemoveAll(w => !w.TryGetTarget(out CallWatchdog? target) || target == watchdog);
    }

    private static void Tick()
    {
        long now = Environment.TickCount64;
        lock (Gate)
        {
            Watched.RemoveAll(w => !w.TryGetTarget(out _));
            foreach (WeakReference<CallWatchdog> reference in Watched)
            {
                if (reference.TryGetTarget(out CallWatchdog? watchdog))
                    watchdog.CheckDeadline(now);
            }
        }
    }
}
