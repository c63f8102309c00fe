using Hyperlight.Wasmtime.Tests.Bindings;

namespace Hyperlight.Wasmtime.Tests;

/// <summary>Every scalar type through the generated guest proxies, to the guest and back.</summary>
public sealed class ScalarTests : IDisposable
{
    private readonly Sandbox _sandbox = TestGuest.Build();
    private IScalars Guest => _sandbox.Guest<IScalars>();

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Bool(bool value, bool negated) => Assert.Equal(negated, Guest.Not(value));

    [Fact]
    public void SmallIntegersKeepTheirSign()
    {
        Assert.Equal(sbyte.MinValue, Guest.EchoSByte(sbyte.MinValue));
        Assert.Equal(sbyte.MaxValue, Guest.EchoSByte(sbyte.MaxValue));
        Assert.Equal(short.MinValue, Guest.EchoInt16(short.MinValue));
        Assert.Equal(byte.MaxValue, Guest.EchoByte(byte.MaxValue));
        Assert.Equal(ushort.MaxValue, Guest.EchoUInt16(ushort.MaxValue));
    }

    [Fact]
    public void ResultsWiderThanTheTypeWrapLikeTheCanonicalAbi()
    {
        // The guest computes in i32; reading the result narrows it, as the canonical ABI does.
        Assert.Equal(sbyte.MinValue, Guest.IncrementSByte(sbyte.MaxValue));
        Assert.Equal((byte)0, Guest.IncrementByte(byte.MaxValue));
        Assert.Equal((ushort)0, Guest.IncrementUInt16(ushort.MaxValue));
        Assert.Equal(int.MinValue, Guest.IncrementInt32(int.MaxValue));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Int32(int value) => Assert.Equal(value, Guest.EchoInt32(value));

    [Theory]
    [InlineData(0u)]
    [InlineData(uint.MaxValue)]
    [InlineData(0x8000_0000u)]
    public void UInt32(uint value) => Assert.Equal(value, Guest.EchoUInt32(value));

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(-2L)]
    public void Int64(long value) => Assert.Equal(value, Guest.EchoInt64(value));

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(0x8000_0000_0000_0000ul)]
    public void UInt64(ulong value) => Assert.Equal(value, Guest.EchoUInt64(value));

    [Theory]
    [InlineData(1.5f)]
    [InlineData(float.MaxValue)]
    [InlineData(float.Epsilon)]
    [InlineData(float.NegativeInfinity)]
    public void Single(float value) => Assert.Equal(value, Guest.EchoSingle(value));

    [Theory]
    [InlineData(Math.PI)]
    [InlineData(double.MinValue)]
    [InlineData(double.Epsilon)]
    [InlineData(double.PositiveInfinity)]
    public void Double(double value) => Assert.Equal(value, Guest.EchoDouble(value));

    [Fact]
    public void NegativeZeroAndNaNKeepTheirBits()
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(Guest.EchoDouble(-0.0)));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0.0f), BitConverter.SingleToInt32Bits(Guest.EchoSingle(-0.0f)));
        Assert.True(double.IsNaN(Guest.EchoDouble(double.NaN)));
        Assert.True(float.IsNaN(Guest.EchoSingle(float.NaN)));
    }

    [Fact]
    public void EnumsTravelAsTheirUnderlyingType()
    {
        Assert.Equal(Color.Blue, Guest.EchoColor(Color.Blue));
        Assert.Equal(Big.Min, Guest.EchoBig(Big.Min));
        Assert.Equal(Big.Max, Guest.EchoBig(Big.Max));
    }

    [Fact]
    public void MixedParameterTypesArriveInOrder() =>
        Assert.Equal(1 + 20_000_000_000 + 0.5 + 0.25, Guest.Mix(1, 20_000_000_000, 0.5f, 0.25));

    [Fact]
    public void VoidFunctionRuns() => Guest.Nothing();

    public void Dispose() => _sandbox.Dispose();
}
