using Hyperlight.Wasmtime.Tests.Bindings;

namespace Hyperlight.Wasmtime.Tests;

/// <summary>Guest code calling host functions in the middle of a guest call, every type both ways.</summary>
public sealed class HostCallTests : IDisposable
{
    private readonly RecordingHost _host = new();
    private readonly Sandbox _sandbox;

    public HostCallTests() => _sandbox = TestGuest.Build(_host);

    private IHostCalls Guest => _sandbox.Guest<IHostCalls>();

    [Fact]
    public void Scalars()
    {
        AssertCrossing(true, false, Guest.ViaBool);
        AssertCrossing<sbyte>(-128, 127, Guest.ViaSByte);
        AssertCrossing<byte>(200, 55, Guest.ViaByte);
        AssertCrossing<short>(-2, 1, Guest.ViaInt16);
        AssertCrossing<ushort>(65535, 0, Guest.ViaUInt16);
        AssertCrossing(int.MinValue, int.MaxValue, Guest.ViaInt32);
        AssertCrossing(0x8000_0000u, 0x7FFF_FFFFu, Guest.ViaUInt32);
        AssertCrossing(long.MaxValue, long.MinValue, Guest.ViaInt64);
        AssertCrossing(0ul, ulong.MaxValue, Guest.ViaUInt64);
        AssertCrossing(2.5f, -2.5f, Guest.ViaSingle);
        AssertCrossing(-0.0, 0.0, Guest.ViaDouble);
        AssertCrossing(Color.Red, Color.Blue, Guest.ViaColor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("straße ✓")]
    public void StringArgumentAndResult(string text)
    {
        Assert.Equal(text.ToUpperInvariant(), Guest.ViaUpper(text));
        Assert.Equal(text, _host.LastArgument);
    }

    [Fact]
    public void BytesArgumentAndResult()
    {
        byte[] data = new byte[100_000];
        new Random(7).NextBytes(data);
        Assert.Equal(data.Reverse(), Guest.ViaReverse(data));
        Assert.Equal(data, (byte[])_host.LastArgument!);
    }

    [Fact]
    public void VoidHostFunctionWithString()
    {
        Guest.LogMessage("from the guest: ✓");
        Assert.Equal(["from the guest: ✓"], _host.Messages);
    }

    [Fact]
    public void ManyHostCallsNestedInOneGuestCall()
    {
        Assert.Equal(Enumerable.Range(0, 1000).Sum(i => (long)i * i), Guest.SumSquares(1000));
        Assert.Equal(1000, _host.Squares);
    }

    [Fact]
    public void HostExceptionFailsTheCallAndKeepsTheSandboxUsable()
    {
        var error = Assert.Throws<HostFunctionException>(() => Guest.CallFail(7));
        Assert.Equal("env.fail", error.FunctionName);
        var inner = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("host failure 7", inner.Message);
        Assert.Contains("host failure 7", error.Message);

        Assert.Equal(14, Guest.SumSquares(4));
    }

    [Fact]
    public void HostFunctionCannotCallBackIntoItsOwnSandbox()
    {
        var host = new RecordingHost();
        using Sandbox sandbox = TestGuest.Build(host);
        host.OnSquare = value => sandbox.Guest<IScalars>().EchoInt64(value);
        var error = Assert.Throws<HostFunctionException>(() => sandbox.Guest<IHostCalls>().SumSquares(1));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(1, sandbox.Guest<IHostCalls>().ViaInt32(-2));
    }

    private void AssertCrossing<T>(T sent, T expected, Func<T, T> call)
    {
        Assert.Equal(expected, call(sent));
        Assert.Equal(sent, _host.LastArgument);
    }

    public void Dispose() => _sandbox.Dispose();
}
