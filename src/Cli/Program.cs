using Hyperlight.Cli.SelfTest;

const int UsageError = 64; // EX_USAGE

return args switch
{
    ["selftest"] => SelfTestCommand.Run(Console.Out),
    [] or ["help" or "--help" or "-h"] => Usage(Console.Out, 0),
    _ => Usage(Console.Error, UsageError),
};

static int Usage(TextWriter output, int exitCode)
{
    output.WriteLine("usage: hyperlight selftest");
    output.WriteLine();
    output.WriteLine("  selftest   run the KVM checks (boot, guest and host calls, trap, guard page, cancellation,");
    output.WriteLine("             snapshot/restore, create/dispose cycles) and print the exit-cost figures.");
    output.WriteLine("             Exit code 0: all passed; 1: a check failed; 2: no usable /dev/kvm here.");
    return exitCode;
}
