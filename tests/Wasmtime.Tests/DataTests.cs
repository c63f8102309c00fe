using Hyperlight.Wasmtime.Tests.Bindings;

namespace Hyperlight.Wasmtime.Tests;

/// <summary>Strings and byte sequences: staged with the guest's cabi_realloc, returned through a return area.</summary>
public sealed class DataTests : IDisposable
{
    private readonly Sandbox _sandbox = TestGuest.Build();
    private IData Guest => _sandbox.Guest<IData>();

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("héllo wörld ✓ 😀 日本語")]
    public void StringRoundTrip(string text) => Assert.Equal(text, Guest.Echo(text));

    [Fact]
    public void StringsCrossAsUtf8() => Assert.Equal(4, Guest.Utf8Length("😀"));

    [Fact]
    public void EmptyBytes() => Assert.Empty(Guest.EchoBytes([]));

    [Fact]
    public void OneMebibyteOfBytesEachWay()
    {
        byte[] data = new byte[1024 * 1024];
        new Random(42).NextBytes(data);
        Assert.Equal(data, Guest.EchoBytes(data));
        Assert.Equal(data, Guest.EchoSpan(data));
        Assert.Equal(data, Guest.EchoMemory(data));
    }

    [Fact]
    public void SeveralDataArgumentsUseTheGeneralPath() =>
        // Six core parameters: beyond the typed invokers, so this takes the boxed fallback.
        Assert.Equal(3 + 2 + 2, Guest.TotalLength("abc", [1, 2], "ü"));

    [Fact]
    public void PostReturnRunsAfterEachDataResult()
    {
        int before = Guest.PostReturnCount();
        Guest.Echo("a");
        Guest.EchoBytes([1]);
        Assert.Equal(before + 2, Guest.PostReturnCount());
    }

    [Fact]
    public void ArgumentsLargerThanTheFrameAreRefusedBeforeTheCall()
    {
        using Sandbox small = TestGuest.Build(configure: o => o.CallFrameSize = CallFrameLayout.MinimumSize);
        var error = Assert.Throws<PayloadTooLargeException>(() => small.Guest<IData>().Echo(new string('x', 5000)));
        Assert.Contains("CallFrameSize", error.Message);
        Assert.Equal("still fine", small.Guest<IData>().Echo("still fine"));
    }

    public void Dispose() => _sandbox.Dispose();
}
