using Hyperlight.Wasmtime.Tests.Bindings;

namespace Hyperlight.Wasmtime.Tests;

/// <summary>Modules and interfaces that do not fit: refused at build with a message naming both sides.</summary>
public sealed class BindingErrorTests
{
    private const string StringLogModule = """(module (import "env" "log" (func (param i32 i32))) (memory (export "memory") 1))""";

    [Fact]
    public void MalformedModuleBytes()
    {
        var error = Assert.Throws<WasmModuleException>(() =>
            new SandboxBuilder().WithWasmModule(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01 }).UseWasmtime().Build());
        Assert.Contains("unexpected end", error.Message);
        Assert.Contains("0x9", error.Message);
    }

    [Fact]
    public void NotAWasmModule()
    {
        var error = Assert.Throws<WasmModuleException>(() => new SandboxBuilder().WithWasmModule("hello"u8.ToArray()).UseWasmtime().Build());
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void FeatureBeyondWasm2IsRejected()
    {
        var error = Assert.Throws<WasmModuleException>(() =>
            new SandboxBuilder().WithWasmText("(module (func (return_call 0)))").UseWasmtime().Build());
        Assert.Contains("tail call", error.Message);
    }

    [Fact]
    public void InvalidWebAssemblyText()
    {
        var error = Assert.Throws<SandboxConfigurationException>(() => new SandboxBuilder().WithWasmText("(module (func (i32.bogus)))"));
        Assert.Contains("unknown operator", error.Message);
        Assert.Contains("i32.bogus", error.Message);
    }

    [Fact]
    public void MissingExport()
    {
        var error = Assert.Throws<GuestBindingException>(() => BuildTestGuest<IMissingExport>());
        Assert.Contains("Missing", error.Message);
        Assert.Contains("'does_not_exist'", error.Message);
        Assert.Contains("echo_int (i32) -> i32", error.Message); // the module's exports are listed
    }

    [Fact]
    public void WrongExportSignature()
    {
        var error = Assert.Throws<GuestBindingException>(() => BuildTestGuest<IWrongExportSignature>());
        Assert.Contains("Echo", error.Message);
        Assert.Contains("flattens to (i64) -> i64", error.Message);
        Assert.Contains("the export is (i32) -> i32", error.Message);
    }

    [Fact]
    public void ExportThatIsNotAFunction()
    {
        var error = Assert.Throws<GuestBindingException>(() => BuildTestGuest<INotAFunction>());
        Assert.Contains("memory (memory)", error.Message);
    }

    [Fact]
    public void UndeclaredInterfaceIsCheckedWhenFirstRequested()
    {
        using Sandbox sandbox = TestGuest.Build();
        Assert.Throws<GuestBindingException>(() => sandbox.Guest<IMissingExport>());
        Assert.Equal(1, sandbox.Guest<IFaults>().Echo(1));
    }

    [Fact]
    public void StringParameterNeedsCabiRealloc()
    {
        var error = Assert.Throws<GuestBindingException>(() => new SandboxBuilder()
            .WithWasmText("""(module (memory (export "memory") 1) (func (export "length") (param i32 i32) (result i32) local.get 1))""")
            .WithGuestFunctions<IStringLength>()
            .UseWasmtime()
            .Build());
        Assert.Contains("cabi_realloc", error.Message);
        Assert.Contains("does not export it", error.Message);
    }

    [Fact]
    public void StringResultNeedsExportedMemory()
    {
        var error = Assert.Throws<GuestBindingException>(() => new SandboxBuilder()
            .WithWasmText("""(module (func (export "name") (result i32) i32.const 0))""")
            .WithGuestFunctions<IStringResult>()
            .UseWasmtime()
            .Build());
        Assert.Contains("'memory'", error.Message);
    }

    [Fact]
    public void PostReturnWithTheWrongSignature()
    {
        var error = Assert.Throws<GuestBindingException>(() => new SandboxBuilder()
            .WithWasmText("""(module (func (export "answer") (result i32) i32.const 42) (func (export "cabi_post_answer")))""")
            .WithGuestFunctions<IBadPostReturn>()
            .UseWasmtime()
            .Build());
        Assert.Contains("cabi_post_answer", error.Message);
        Assert.Contains("(i32) -> ()", error.Message);
    }

    [Fact]
    public void MissingImport()
    {
        var error = Assert.Throws<GuestBindingException>(() =>
            new SandboxBuilder().WithWasmText(StringLogModule).UseWasmtime().Build());
        Assert.Contains("env.log (i32, i32) -> ()", error.Message);
        Assert.Contains("WithHostFunctions", error.Message);
    }

    [Fact]
    public void ImportWithTheWrongSignature()
    {
        var error = Assert.Throws<GuestBindingException>(() => new SandboxBuilder()
            .WithWasmText(StringLogModule)
            .WithHostFunctions<IIntLogHost>(new IntLogHost())
            .UseWasmtime()
            .Build());
        Assert.Contains("core signature (i32, i32) -> ()", error.Message);
        Assert.Contains("IIntLogHost.Log", error.Message);
        Assert.Contains("flattens to (i32) -> ()", error.Message);
    }

    [Fact]
    public void ImportOfAMemoryNothingDefines()
    {
        var error = Assert.Throws<Hyperlight.Wasm.WasmLinkException>(() =>
            new SandboxBuilder().WithWasmText("""(module (import "env" "memory" (memory 1)))""").UseWasmtime().Build());
        Assert.Equal(("env", "memory"), (error.ImportModule, error.ImportName));
        Assert.Contains("WithMemory", error.Message);
    }

    [Fact]
    public void HostFunctionOfferedTwice()
    {
        var error = Assert.Throws<SandboxConfigurationException>(() => new SandboxBuilder()
            .WithWasmText(StringLogModule)
            .WithHostFunctions<IStringLogHost>(new StringLogHost())
            .WithHostFunctions<IIntLogHost>(new IntLogHost())
            .UseWasmtime()
            .Build());
        Assert.Contains("offered twice", error.Message);
    }

    [Fact]
    public void MatchingImportBuilds()
    {
        using Sandbox sandbox = new SandboxBuilder()
            .WithWasmText(StringLogModule)
            .WithHostFunctions<IStringLogHost>(new StringLogHost())
            .UseWasmtime()
            .Build();
        Assert.Equal("wasmtime", sandbox.Engine.Name);
        Assert.Equal(VmBoundary.None, sandbox.Engine.Boundary);
    }

    private static Sandbox BuildTestGuest<T>() where T : class, Hyperlight.Bindings.IGuestFunctions<T> =>
        TestGuest.Builder().WithGuestFunctions<T>().Build();
}
