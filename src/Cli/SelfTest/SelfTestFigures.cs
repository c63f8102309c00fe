using System.Diagnostics;
using System.Globalization;

namespace Hyperlight.Cli.SelfTest;

/// <summary>
/// The figures of <c>hyperlight selftest</c>. Exit costs differ a lot between hosts (about 1 µs on
/// bare-metal VT-x, 15–26 µs on PVM), so every call figure is also given as a ratio to the raw
/// <c>out</c> exit measured in this same run.
/// </summary>
internal static class SelfTestFigures
{
    private const int RawExits = 100_000;
    private const int Calls = 20_000;
    private const int Warmup = 1_000;
    private const int Lifecycles = 100;

    public static void Run(SelfTestReport report, SelfTestTarget target)
    {
        double rawExit = double.NaN;
        double createDriver = double.NaN, disposeDriver = double.NaN;
        report.Figure("raw out exit", () =>
        {
            using RawExitVm raw = RawExitVm.Create(target.Drivers);
            raw.MeasureExitMicroseconds(Warmup);
            rawExit = raw.MeasureExitMicroseconds(RawExits);
            raw.MeasureDriverLifecycle(5);
            (createDriver, disposeDriver) = raw.MeasureDriverLifecycle(Lifecycles);
            return $"{SelfTestReport.Microseconds(rawExit)} per exit ({RawExits:N0} exits at CPL 3, driver Run to Run)";
        });

        using (Sandbox sandbox = SelfTestSandbox.Build(target))
        {
            ISelfTestGuest guest = sandbox.Guest<ISelfTestGuest>();
            double nop = double.NaN;
            report.Figure("guest call Nop()", () =>
            {
                nop = MeanMicroseconds(() => guest.Nop());
                return WithRatio(nop, rawExit);
            });
            report.Figure("guest call Add(2, 3)", () => WithRatio(MeanMicroseconds(() => guest.Add(2, 3)), rawExit));
            report.Figure("guest call with one host call", () =>
            {
                double withHostCall = MeanMicroseconds(() => guest.CallHost(1));
                return $"{WithRatio(withHostCall, rawExit)}; the host call's share {WithRatio(withHostCall - nop, rawExit)}";
            });
        }

        report.Figure("VM + vCPU + memory slots (driver)", () =>
            $"create {SelfTestReport.Microseconds(createDriver)}, dispose {SelfTestReport.Microseconds(disposeDriver)} (mean of {Lifecycles})");
        report.Figure("new sandbox", () =>
        {
            SelfTestSandbox.Build(target).Dispose();
            TimeSpan build = TimeSpan.Zero, dispose = TimeSpan.Zero;
            for (int i = 0; i < Lifecycles; i++)
            {
                long start = Stopwatch.GetTimestamp();
                Sandbox sandbox = SelfTestSandbox.Build(target);
                long built = Stopwatch.GetTimestamp();
                sandbox.Dispose();
                build += Stopwatch.GetElapsedTime(start, built);
                dispose += Stopwatch.GetElapsedTime(built);
            }
            return $"build {SelfTestReport.Microseconds(build.TotalMicroseconds / Lifecycles)}, dispose {SelfTestReport.Microseconds(dispose.TotalMicroseconds / Lifecycles)} (mean of {Lifecycles}; memory, image, VM, snapshot)";
        });
    }

    private static double MeanMicroseconds(Action call)
    {
        for (int i = 0; i < Warmup; i++)
            call();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Calls; i++)
            call();
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / Calls;
    }

    private static string WithRatio(double microseconds, double rawExit) =>
        double.IsNaN(rawExit)
            ? SelfTestReport.Microseconds(microseconds)
            : $"{SelfTestReport.Microseconds(microseconds)} ({SelfTestReport.Ratio(microseconds, rawExit)})";
}
