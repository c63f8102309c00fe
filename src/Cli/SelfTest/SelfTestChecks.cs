using System.Diagnostics;
using System.Globalization;

namespace Hyperlight.Cli.SelfTest;

/// <summary>The pass/fail checks of <c>hyperlight selftest</c>: each runs the whole path, sandbox to vCPU and back.</summary>
internal static class SelfTestChecks
{
    private const int CancellationRounds = 5;
    private static readonly TimeSpan CancellationLimit = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMilliseconds(50);
    private const int LifecycleCycles = 1000;

    public static void Run(SelfTestReport report, SelfTestTarget target)
    {
        Sandbox? sandbox = null;
        report.Check("boot", () =>
        {
            long start = Stopwatch.GetTimestamp();
            sandbox = SelfTestSandbox.Build(target);
            sandbox.Guest<ISelfTestGuest>().Nop();
            return $"built a sandbox on the {target.Name} driver and ran its first call in {Milliseconds(Stopwatch.GetElapsedTime(start))} ({sandbox.Engine.Description})";
        });
        if (sandbox is null)
            return;
        using (sandbox)
        {
            ISelfTestGuest guest = sandbox.Guest<ISelfTestGuest>();
            report.Check("guest call", () => GuestCall(guest));
            report.Check("host call", () => HostCall(guest));
            report.Check("trap", () => Trap(guest));
            report.Check("guard page", () => GuardPage(guest));
            report.Check("cancellation within 1 ms", () => Cancellation(guest));
            report.Check("snapshot/restore", () => SnapshotRestore(target, sandbox, guest));
        }
        report.Check("call timeout", () => CallTimeoutStopsTheGuest(target));
        report.Check($"{LifecycleCycles:N0} create/dispose cycles", () => CreateDisposeCycles(target));
    }

    private static string GuestCall(ISelfTestGuest guest)
    {
        Expect(guest.Add(2, 3), 5, "Add(2, 3)");
        Expect(guest.Add(int.MaxValue, 1), int.MinValue, "Add(int.MaxValue, 1)");
        return "Add(2, 3) = 5, Add(int.MaxValue, 1) wraps to int.MinValue";
    }

    private static string HostCall(ISelfTestGuest guest)
    {
        Expect(guest.CallHost(41), 42, "CallHost(41)");
        return "guest CallHost(41) → host Echo(41) = 42 → guest returned 42";
    }

    private static string Trap(ISelfTestGuest guest)
    {
        GuestTrapException trap = ExpectThrows<GuestTrapException>(guest.Trap, "Trap()");
        if (trap.Kind != TrapKind.Unreachable)
            throw new SelfTestFailure($"Trap() reported {trap.Kind}, expected {TrapKind.Unreachable}");
        Expect(guest.Add(1, 1), 2, "Add(1, 1) after the trap");
        return $"GuestTrapException ({trap.Kind}); the next call ran normally";
    }

    private static string GuardPage(ISelfTestGuest guest)
    {
        GuestCrashException crash = ExpectThrows<GuestCrashException>(guest.Fault, "Fault()");
        if (crash.Rip == 0)
            throw new SelfTestFailure("the crash report has no RIP");
        Expect(guest.Add(2, 2), 4, "Add(2, 2) after the crash");
        string vector = crash.Vector is { } v ? v.ToString(CultureInfo.InvariantCulture) : "not recorded";
        // The first disassembly line is "<address>  <instruction>".
        string instruction = crash.Disassembly.Split('\n', 2)[0].Split("  ", 2)[^1].Trim();
        return $"GuestCrashException at RIP 0x{crash.Rip:x} (vector {vector}, `{instruction}`); after the reset the next call ran normally";
    }

    /// <summary>Cancels a guest that never exits from another thread; the time is from Cancel() to the caller's catch.</summary>
    private static string Cancellation(ISelfTestGuest guest)
    {
        var latencies = new TimeSpan[CancellationRounds];
        for (int round = 0; round < CancellationRounds; round++)
        {
            using var cancellation = new CancellationTokenSource();
            long requested = 0;
            var canceller = new Thread(() =>
            {
                Thread.Sleep(10);
                Volatile.Write(ref requested, Stopwatch.GetTimestamp());
                cancellation.Cancel();
            });
            canceller.Start();
            ExpectThrows<OperationCanceledException>(() => guest.Spin(cancellation.Token), "Spin() with a cancelled token");
            long stopped = Stopwatch.GetTimestamp();
            canceller.Join();
            latencies[round] = Stopwatch.GetElapsedTime(Volatile.Read(ref requested), stopped);
        }
        Expect(guest.Add(3, 4), 7, "Add(3, 4) after the cancellations");
        Array.Sort(latencies);
        string range = $"{SelfTestReport.Microseconds(latencies[0].TotalMicroseconds)} to {SelfTestReport.Microseconds(latencies[^1].TotalMicroseconds)}";
        if (latencies[^1] > CancellationLimit)
            throw new SelfTestFailure($"a spinning guest stopped {range} after Cancel(); the limit is {Milliseconds(CancellationLimit)}");
        return $"a guest spinning without exits stopped {range} after Cancel() ({CancellationRounds} rounds); the next call ran normally";
    }

    private static string SnapshotRestore(SelfTestTarget target, Sandbox sandbox, ISelfTestGuest guest)
    {
        if (!sandbox.CanRestore)
            throw new SelfTestFailure($"the {target.Name} engine offers no snapshot restore");
        sandbox.Restore();
        Expect(guest.Poke(7), 0, "Poke(7) on the snapshot");
        Expect(guest.Poke(9), 7, "Poke(9) after Poke(7)");
        sandbox.Restore();
        Expect(guest.Poke(1), 0, "Poke(1) after Restore()");
        return "a write to linear memory survived between calls and was gone after Restore()";
    }

    private static string CallTimeoutStopsTheGuest(SelfTestTarget target)
    {
        using Sandbox sandbox = SelfTestSandbox.Build(target, CallTimeout);
        ISelfTestGuest guest = sandbox.Guest<ISelfTestGuest>();
        long start = Stopwatch.GetTimestamp();
        ExpectThrows<GuestTimeoutException>(() => guest.Spin(CancellationToken.None), "Spin() with a call timeout");
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        if (elapsed < CallTimeout)
            throw new SelfTestFailure($"the call timed out after {Milliseconds(elapsed)}, before its limit of {Milliseconds(CallTimeout)}");
        Expect(guest.Add(5, 6), 11, "Add(5, 6) after the timeout");
        return $"GuestTimeoutException after {Milliseconds(elapsed)} (limit {Milliseconds(CallTimeout)}); the next call ran normally";
    }

    private static string CreateDisposeCycles(SelfTestTarget target)
    {
        SelfTestSandbox.Build(target).Dispose(); // the first sandbox opens /dev/kvm and installs the kick signal for the process
        ProcessResources before = ProcessResources.Now();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < LifecycleCycles; i++)
        {
            using Sandbox sandbox = SelfTestSandbox.Build(target);
            sandbox.Guest<ISelfTestGuest>().Nop();
        }
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        ProcessResources after = ProcessResources.Now();
        string counts = $"fds {before.FileDescriptors} → {after.FileDescriptors}, mappings {before.Mappings} → {after.Mappings}";
        // A leak grows by at least one per cycle; the runtime itself may map a few pages meanwhile.
        if (after.FileDescriptors > before.FileDescriptors || after.Mappings > before.Mappings + 32)
            throw new SelfTestFailure($"resources grew over {LifecycleCycles} cycles: {counts}");
        return $"{counts}, {Milliseconds(elapsed / LifecycleCycles)} per build+call+dispose";
    }

    private static void Expect(int actual, int expected, string what)
    {
        if (actual != expected)
            throw new SelfTestFailure($"{what} returned {actual}, expected {expected}");
    }

    private static T ExpectThrows<T>(Action call, string what) where T : Exception
    {
        try
        {
            call();
        }
        catch (T e)
        {
            return e;
        }
        catch (Exception e)
        {
            throw new SelfTestFailure($"{what} threw {e.GetType().Name} ({e.Message}), expected {typeof(T).Name}");
        }
        throw new SelfTestFailure($"{what} returned normally, expected {typeof(T).Name}");
    }

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) + " ms";
}
