using Hyperlight.Images;
using Hyperlight.Tests.Vm.Guests;
using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

/// <summary>Builds sandboxes over hand-made images through the public builder, skipping drivers this machine lacks.</summary>
internal static class TestSandboxes
{
    public static MicroVmEngineFactory Factory(MicroVmDriver driver, GuestImage? image = null, MicroVmOptions? options = null)
    {
        var factory = new MicroVmEngineFactory(driver, image ?? TestGuest.Image, options);
        Skip.IfNot(factory.IsAvailable(out string reason), reason);
        return factory;
    }

    /// <summary>A sandbox over <see cref="TestGuest"/> with <paramref name="host"/> (a fresh <see cref="RecordingHost"/> when null).</summary>
    public static Sandbox Create(MicroVmDriver driver, ITestHost? host = null, Action<SandboxOptions>? configure = null, MicroVmOptions? options = null) =>
        Builder(driver, host, options).Configure(configure ?? (_ => { })).Build();

    public static SandboxBuilder Builder(MicroVmDriver driver, ITestHost? host = null, MicroVmOptions? options = null, GuestImage? image = null) =>
        new SandboxBuilder()
            .WithWasmModule(ReadOnlyMemory<byte>.Empty)
            .WithHostFunctions(host ?? new RecordingHost())
            .WithEngine(Factory(driver, image, options));
}

/// <summary>A host that records what the guest sent it.</summary>
internal sealed class RecordingHost : ITestHost
{
    public List<int> Accumulated { get; } = [];

    public List<string> Logged { get; } = [];

    public long Total { get; private set; }

    /// <summary>Throws from <see cref="Accumulate"/> when it receives this value.</summary>
    public int? FailOn { get; init; }

    public string Name { get; init; } = "host";

    public long Accumulate(int value)
    {
        if (value == FailOn)
            throw new InvalidOperationException($"refusing {value}");
        Accumulated.Add(value);
        Total += value;
        return Total;
    }

    public void Log(string message) => Logged.Add(message);

    public string GetName() => Name;

    public void Explode() => throw new InvalidOperationException("boom");
}
