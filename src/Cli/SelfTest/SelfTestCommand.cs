namespace Hyperlight.Cli.SelfTest;

/// <summary>
/// <c>hyperlight selftest</c>: the KVM checks and figures of DESIGN.md §7, for a host with /dev/kvm.
/// Exit code 0 when every check passed, 1 when one failed, 2 when the driver cannot run on this host.
/// </summary>
internal static class SelfTestCommand
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int Unavailable = 2;

    public static int Run(TextWriter output, SelfTestTarget target)
    {
        output.WriteLine($"hyperlight selftest on {target.Name} — {HostDescription.Describe()}");
        if (!target.Drivers.IsAvailable(out string reason))
        {
            output.WriteLine($"The {target.Name} driver is not available: {reason}");
            output.WriteLine(target == SelfTestTarget.Kvm
                ? "Nothing was tested. Run this on a Linux x86-64 host with /dev/kvm readable and writable by this user."
                : "Nothing was tested.");
            return Unavailable;
        }

        var report = new SelfTestReport(output);
        SelfTestChecks.Run(report, target);
        SelfTestFigures.Run(report, target);
        output.WriteLine(report.Failures == 0 ? "all checks passed" : $"{report.Failures} check(s) FAILED");
        return report.Failures == 0 ? Passed : Failed;
    }
}
