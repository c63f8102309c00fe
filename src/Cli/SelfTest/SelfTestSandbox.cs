namespace Hyperlight.Cli.SelfTest;

/// <summary>Sandboxes over <see cref="SelfTestGuest"/> on the target's driver, nothing weaker.</summary>
internal static class SelfTestSandbox
{
    public static Sandbox Build(SelfTestTarget target, TimeSpan? callTimeout = null)
    {
        var builder = new SandboxBuilder()
            .WithWasmModule(ReadOnlyMemory<byte>.Empty) // the engine runs the fixed image, whatever the module
            .WithEngine(target.Engines)
            .WithHostFunctions<ISelfTestHost>(new SelfTestHost())
            .WithGuestFunctions<ISelfTestGuest>()
            .RequireVmBoundary(target.Drivers.Boundary);
        if (callTimeout is { } timeout)
            builder.Configure(options => options.CallTimeout = timeout);
        return builder.Build();
    }
}
