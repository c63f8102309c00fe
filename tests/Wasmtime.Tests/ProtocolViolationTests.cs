using Hyperlight.Wasmtime.Tests.Bindings;

namespace Hyperlight.Wasmtime.Tests;

/// <summary>A guest that hands back bad pointers, lengths or text: a GuestProtocolException, no host read outside guest memory.</summary>
public sealed class ProtocolViolationTests : IDisposable
{
    private readonly Sandbox _sandbox = TestGuest.Build();
    private IFaults Guest => _sandbox.Guest<IFaults>();

    [Fact]
    public void ResultPointerOutsideMemory()
    {
        var error = Assert.Throws<GuestProtocolException>(() => Guest.BadPointer());
        Assert.Contains("string returned by 'bad_pointer'", error.Message);
        Assert.Contains("65536", error.Message);
        AssertStillUsable();
    }

    [Fact]
    public void ResultLengthOutsideMemory()
    {
        var error = Assert.Throws<GuestProtocolException>(() => Guest.BadLength());
        Assert.Contains("bytes returned by 'bad_length'", error.Message);
        AssertStillUsable();
    }

    [Fact]
    public void ReturnAreaOutsideMemory()
    {
        var error = Assert.Throws<GuestProtocolException>(() => Guest.BadReturnArea());
        Assert.Contains("return area of 'bad_area'", error.Message);
        AssertStillUsable();
    }

    [Fact]
    public void InvalidUtf8Result()
    {
        var error = Assert.Throws<GuestProtocolException>(() => Guest.BadUtf8());
        Assert.Contains("not valid UTF-8", error.Message);
        AssertStillUsable();
    }

    [Fact]
    public void ResultLargerThanTheFrame()
    {
        using Sandbox small = TestGuest.Build(configure: o => o.CallFrameSize = CallFrameLayout.MinimumSize);
        var error = Assert.Throws<PayloadTooLargeException>(() => small.Guest<IFaults>().HugeResult());
        Assert.Contains("65536", error.Message);
        Assert.Equal(2, small.Guest<IFaults>().Echo(2));
    }

    [Fact]
    public void InvalidUtf8PassedToAHostFunction()
    {
        var error = Assert.Throws<GuestProtocolException>(() => Guest.LogBadUtf8());
        Assert.Contains("not valid UTF-8", error.Message);
        AssertStillUsable();
    }

    [Fact]
    public void PointerOutsideMemoryPassedToAHostFunction()
    {
        var error = Assert.Throws<GuestProtocolException>(() => Guest.LogOutOfBounds());
        Assert.Contains("argument 0 of host function 'env.log'", error.Message);
        AssertStillUsable();
    }

    [Fact]
    public void StringHostCallFromTheStartFunctionIsRefused()
    {
        const string module = """
            (module
              (import "env" "log" (func $log (param i32 i32)))
              (memory (export "memory") 1)
              (func $boot (call $log (i32.const 0) (i32.const 4)))
              (start $boot))
            """;
        var error = Assert.Throws<GuestProtocolException>(() =>
            new SandboxBuilder().WithWasmText(module).WithHostFunctions<IStringLogHost>(new StringLogHost()).UseWasmtime().Build());
        Assert.Contains("start function", error.Message);
    }

    [Fact]
    public void AllocatorThatCallsTheHostIsRefused()
    {
        // The host is copying arguments through the call frame while cabi_realloc runs; a host call
        // then would overwrite them.
        const string module = """
            (module
              (import "env" "log" (func $log (param i32 i32)))
              (memory (export "memory") 1)
              (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
                (call $log (i32.const 0) (i32.const 0))
                (i32.const 1024))
              (func (export "length") (param i32 i32) (result i32) (local.get 1)))
            """;
        using Sandbox sandbox = new SandboxBuilder().WithWasmText(module).WithHostFunctions<IStringLogHost>(new StringLogHost()).UseWasmtime().Build();
        var error = Assert.Throws<GuestProtocolException>(() => sandbox.Guest<IStringLength>().Length("abc"));
        Assert.Contains("host function 'env.log' from cabi_realloc", error.Message);
    }

    private void AssertStillUsable() => Assert.Equal(42, Guest.Echo(42));

    public void Dispose() => _sandbox.Dispose();
}
