using Hyperlight.Bindings;
using Hyperlight.Engines;

namespace Hyperlight.Tests.Instances;

/// <summary>The untyped API shares the typed calls' one-at-a-time guard, and says so when an engine lacks it.</summary>
public sealed class UntypedGuardTests
{
    private const string Module = """
        (module
          (import "env" "Next" (func $next (result i32)))
          (global (export "counter") (mut i32) (i32.const 5))
          (func (export "poke") (result i32) call $next))
        """;

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_host_function_cannot_reenter_its_sandbox_untyped(TestEngine engine)
    {
        var host = new ReentrantHost();
        using Sandbox sandbox = TestEngines.Builder(engine, Module).WithHostFunctions<ICounterHost>(host).Build();
        host.Sandbox = sandbox;

        var error = Assert.Throws<HostFunctionException>(() => sandbox.Invoke("poke"));

        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("already running a call", error.InnerException.Message, StringComparison.Ordinal);
        host.Sandbox = null;
        Assert.Equal([WasmValue.I32(1)], sandbox.Invoke("poke"));
    }

    [Fact]
    public void An_engine_without_untyped_access_is_named_in_the_refusal()
    {
        using Sandbox sandbox = new SandboxBuilder().WithWasmModule(new byte[] { 0 }).WithEngine(new TypedOnlyFactory()).Build();

        var error = Assert.Throws<NotSupportedException>(() => sandbox.Invoke("anything"));

        Assert.Contains("typed-only engine", error.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => sandbox.Exports);
        Assert.Throws<NotSupportedException>(() => sandbox.GetMemorySize("memory"));
    }

    /// <summary>A host function that reaches back into its own sandbox through the untyped API.</summary>
    private sealed class ReentrantHost : ICounterHost
    {
        public Sandbox? Sandbox { get; set; }

        public int Next()
        {
            Sandbox?.GetGlobal("counter");
            return 1;
        }
    }

    private sealed class TypedOnlyFactory : ISandboxEngineFactory
    {
        public VmBoundary Boundary => VmBoundary.None;

        public ISandboxEngine Create(SandboxSetup setup) => new TypedOnlyEngine();
    }

    private sealed class TypedOnlyEngine : ISandboxEngine
    {
        public EngineInfo Info { get; } = new("typed-only engine", VmBoundary.None, "test");

        public CallFrame Frame => throw new NotSupportedException();

        public int ResolveGuestFunction(FunctionDescriptor function) => throw new NotSupportedException();

        public void Invoke(int function, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
