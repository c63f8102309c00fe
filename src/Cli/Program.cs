using Hyperlight.Cli.SelfTest;

const int UsageError = 64; // EX_USAGE

return args switch
{
    ["selftest"] => SelfTestCommand.Run(Console.Out, SelfTestTarget.Kvm),
    ["selftest", "--driver", string name] when SelfTestTarget.Parse(name) is { } target => SelfTestCommand.Run(Console.Out, target),
    [] or ["help" or "--help" or "-h"] => Usage(Console.Out, 0),
    _ => Usage(Console.Error, UsageError),
};

static int Usage(TextWriter output, int exitCode)
{
    output.WriteLine("usage: hyperlight selftest [--driver kvm|emulated]");
    output.WriteLine();
    output.WriteLine("  selftest   run the KVM checks (boot, guest and host calls, trap, guard page, cancellation,");
    output.WriteLine("             call timeout, snapshot/restore, create/dispose cycles) and print the exit-cost");
    output.WriteLine("             figures. Exit code 0: all passed; 1: a check failed; 2: no usable /dev/kvm here.");
    output.WriteLine("  --driver   emulated runs the same on the Unicorn emulator, to check the self-test itself");
    output.WriteLine("             on a machine without KVM (its figures say nothing about KVM). Default: kvm.");
    return exitCode;
}
