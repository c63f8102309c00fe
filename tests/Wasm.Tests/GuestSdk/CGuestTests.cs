using System.Diagnostics;
using CGuest;
using Hyperlight.Vm;

namespace Hyperlight.Wasm.Tests.GuestSdk;

/// <summary>
/// The guest SDK end to end: calculator.c is compiled with clang from the checked-in source and
/// SDK, then run on every engine this machine has through the generated bindings.
/// </summary>
public sealed class CGuestTests
{
    private static readonly Lazy<byte[]> Module = new(BuildGuest);

    public static TheoryData<string> Engines => ["wasmtime", "in-process", "emulated"];

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void The_C_guest_answers_through_the_generated_bindings(string engine)
    {
        var host = new RecordingHostServices();
        using Sandbox sandbox = Build(engine, host);
        ICalculator calculator = sandbox.Guest<ICalculator>();

        Assert.Equal(42, calculator.Add(40, 2));
        Assert.Equal(int.MinValue, calculator.Add(int.MaxValue, 1));
        Assert.Equal(2880067194370816120L, calculator.Fib(90));
        Assert.Equal("Hello, C guest!", calculator.Greet("C guest"));
        Assert.Equal("Hello, Grüße, 世界!", calculator.Greet("Grüße, 世界"));
        Assert.Equal(["Hello, C guest!", "Hello, Grüße, 世界!"], host.Logged);
        Assert.Equal(5050u, calculator.Checksum([.. Enumerable.Range(1, 100).Select(i => (byte)i)]));
        Assert.Equal(0u, calculator.Checksum([]));
        Assert.Equal(10, calculator.ElapsedTicks());
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_megabyte_of_bytes_reaches_the_C_guest_intact(string engine)
    {
        using Sandbox sandbox = Build(engine, new RecordingHostServices());
        byte[] data = new byte[1 << 20];
        new Random(7).NextBytes(data);

        uint checksum = sandbox.Guest<ICalculator>().Checksum(data);

        Assert.Equal((uint)data.Sum(b => (long)b), checksum);
    }

    private static Sandbox Build(string engine, IHostServices host)
    {
        SandboxBuilder builder = new SandboxBuilder()
            .WithWasmModule(Module.Value)
            .WithHostFunctions(host)
            .WithGuestFunctions<ICalculator>();
        if (engine == "wasmtime")
            return builder.UseWasmtime().Build();
        var factory = new MicroVmEngineFactory(engine == "emulated" ? MicroVmDriver.Emulated : MicroVmDriver.InProcess);
        Skip.IfNot(factory.IsAvailable(out string reason), $"{engine} driver unavailable: {reason}");
        return builder.WithEngine(factory).Build();
    }

    /// <summary>Compiles the sample guest with the SDK's build script (clang, wasm32).</summary>
    private static byte[] BuildGuest()
    {
        string root = RepositoryRoot();
        string output = Path.Combine(Path.GetTempPath(), $"calculator-{Guid.NewGuid():N}.wasm");
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "guest-sdk", "build-guest.sh"), output, Path.Combine(root, "samples", "CGuest", "guest", "calculator.c")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using Process process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Skip.If(process.ExitCode == 127 || errors.Contains("clang: command not found", StringComparison.Ordinal), "clang is not installed (run eng/setup.sh)");
        Assert.True(process.ExitCode == 0, $"building the C guest failed: {errors}");
        byte[] module = File.ReadAllBytes(output);
        File.Delete(output);
        return module;
    }

    private static string RepositoryRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Hyperlight.sln")))
                return directory;
        }
        // Test binaries may live outside the checkout (HL_ARTIFACTS); fall back to the source location.
        return Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", ".."));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
