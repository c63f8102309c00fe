using Hyperlight.Vm.Kvm;

namespace Hyperlight.Cli.SelfTest;

/// <summary>
/// <c>hyperlight selftest</c>: the KVM checks and figures of DESIGN.md §7, for a host with /dev/kvm.
/// Exit code 0 when every check passed, 1 when one failed, 2 when this host has no usable KVM.
/// </summary>
internal static class SelfTestCommand
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int NoKvm = 2;

    public static int Run(TextWriter output)
    {
        output.WriteLine($"hyperlight selftest — {HostDescription.Describe()}");
        if (!KvmDriver.IsAvailable)
        {
            output.WriteLine($"KVM is not available: {KvmDriver.UnavailableReason}");
            output.WriteLine("Nothing was tested. Run this on a Linux x86-64 host with /dev/kvm readable and writable by this user.");
            return NoKvm;
        }

        var report = new SelfTestReport(output);
        SelfTestChecks.Run(report);
        SelfTestFigures.Run(report);
        output.WriteLine(report.Failures == 0 ? "all checks passed" : $"{report.Failures} check(s) FAILED");
        return report.Failures == 0 ? Passed : Failed;
    }
}
