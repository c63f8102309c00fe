using Hyperlight.Engines;
using Hyperlight.Vm;
using Hyperlight.Wasmtime;

namespace Hyperlight.Tests.Instances;

/// <summary>An engine the untyped-API and linking cases run on: Wasmtime, the reference, and each micro-VM driver.</summary>
public enum TestEngine
{
    Wasmtime,
    InProcess,
    Emulated,
    Kvm,
}

/// <summary>
/// Builders for the same module on every engine, so each case compares the micro-VM with Wasmtime.
/// A driver this machine cannot run is skipped with the reason (e.g. no /dev/kvm).
/// </summary>
internal static class TestEngines
{
    public static IReadOnlyList<TestEngine> Each { get; } = Enum.GetValues<TestEngine>();

    public static TheoryData<TestEngine> All => [.. Each];

    /// <summary>A builder for the module written as <paramref name="wat"/>, on <paramref name="engine"/>.</summary>
    public static SandboxBuilder Builder(TestEngine engine, string wat) =>
        new SandboxBuilder().WithWasmModule(Wat.ToWasm(wat)).WithEngine(Factory(engine));

    public static Sandbox Build(TestEngine engine, string wat) => Builder(engine, wat).Build();

    public static ISandboxEngineFactory Factory(TestEngine engine)
    {
        if (engine == TestEngine.Wasmtime)
            return new WasmtimeEngineFactory();
        var factory = new MicroVmEngineFactory(engine switch
        {
            TestEngine.InProcess => MicroVmDriver.InProcess,
            TestEngine.Emulated => MicroVmDriver.Emulated,
            _ => MicroVmDriver.Kvm,
        });
        Skip.IfNot(factory.IsAvailable(out string reason), reason);
        return factory;
    }
}

/// <summary>WebAssembly text to binary, with Wasmtime's parser.</summary>
internal static class Wat
{
    public static byte[] ToWasm(string text) => global::Wasmtime.Module.ConvertText(text);
}
