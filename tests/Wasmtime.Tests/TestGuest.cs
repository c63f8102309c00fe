using Hyperlight.Wasmtime.Tests.Bindings;

namespace Hyperlight.Wasmtime.Tests;

/// <summary>Builds sandboxes over Guests/test-guest.wat on the Wasmtime engine.</summary>
internal static class TestGuest
{
    private static readonly Lazy<string> Text = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Guests", "test-guest.wat")));

    /// <summary>The test guest with its host functions, ready for more configuration.</summary>
    public static SandboxBuilder Builder(ITestHost? host = null) =>
        new SandboxBuilder()
            .WithWasmText(Text.Value)
            .WithHostFunctions(host ?? new RecordingHost())
            .UseWasmtime();

    public static Sandbox Build(ITestHost? host = null, Action<SandboxOptions>? configure = null) =>
        Builder(host).Configure(configure ?? (_ => { })).Build();
}
