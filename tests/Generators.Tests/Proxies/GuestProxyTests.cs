using Hyperlight.Bindings;

namespace Hyperlight.Generators.Tests.Proxies;

/// <summary>The generated guest proxy, run against <see cref="LoopbackEngine"/>: frame layout, value mapping, allocation.</summary>
public sealed class GuestProxyTests : IDisposable
{
    private readonly Sandbox _sandbox;
    private readonly LoopbackEngine _engine;
    private readonly IEchoGuest _echo;

    public GuestProxyTests()
    {
        (_sandbox, _engine) = LoopbackEngine.CreateSandbox();
        _echo = _sandbox.Guest<IEchoGuest>();
    }

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Scalars_round_trip_through_their_slot()
    {
        Assert.True(_echo.Bool(true));
        Assert.False(_echo.Bool(false));
        Assert.Equal(sbyte.MinValue, _echo.SByte(sbyte.MinValue));
        Assert.Equal(byte.MaxValue, _echo.Byte(byte.MaxValue));
        Assert.Equal(short.MinValue, _echo.Int16(short.MinValue));
        Assert.Equal(ushort.MaxValue, _echo.UInt16(ushort.MaxValue));
        Assert.Equal(int.MinValue, _echo.Int32(int.MinValue));
        Assert.Equal(uint.MaxValue, _echo.UInt32(uint.MaxValue));
        Assert.Equal(long.MinValue, _echo.Int64(long.MinValue));
        Assert.Equal(ulong.MaxValue, _echo.UInt64(ulong.MaxValue));
        Assert.Equal(float.NegativeInfinity, _echo.Single(float.NegativeInfinity));
        Assert.Equal(Math.PI, _echo.Double(Math.PI));
        Assert.Equal(Level.High, _echo.Enum(Level.High));
    }

    [Theory]
    [InlineData(nameof(IEchoGuest.SByte), 0x0000_0000_FFFF_FFFFul)]   // sign-extended to i32
    [InlineData(nameof(IEchoGuest.Byte), 0x0000_0000_0000_00FFul)]    // zero-extended
    [InlineData(nameof(IEchoGuest.UInt32), 0x0000_0000_FFFF_FFFFul)]  // reinterpreted, not checked
    [InlineData(nameof(IEchoGuest.UInt64), 0xFFFF_FFFF_FFFF_FFFFul)]
    [InlineData(nameof(IEchoGuest.Bool), 0x0000_0000_0000_0001ul)]
    [InlineData(nameof(IEchoGuest.Enum), 0x0000_0000_0000_00C8ul)]    // Level.High as its underlying byte
    public void Arguments_are_written_in_their_flattened_form(string method, ulong expectedSlot)
    {
        switch (method)
        {
            case nameof(IEchoGuest.SByte): _echo.SByte(-1); break;
            case nameof(IEchoGuest.Byte): _echo.Byte(byte.MaxValue); break;
            case nameof(IEchoGuest.UInt32): _echo.UInt32(uint.MaxValue); break;
            case nameof(IEchoGuest.UInt64): _echo.UInt64(ulong.MaxValue); break;
            case nameof(IEchoGuest.Bool): _echo.Bool(true); break;
            case nameof(IEchoGuest.Enum): _echo.Enum(Level.High); break;
        }

        Assert.Equal(expectedSlot, _engine.Frame.GetRaw(0));
    }

    [Fact]
    public void Results_wider_than_their_type_are_narrowed_like_the_canonical_abi()
    {
        _engine.Guest = frame => frame.SetInt32(0, 0x1FF);

        Assert.Equal(byte.MaxValue, _echo.Byte(0));
        Assert.Equal((sbyte)-1, _echo.SByte(0));
        Assert.True(_echo.Bool(false));
    }

    [Fact]
    public void The_header_names_the_resolved_export_slot_count_and_types()
    {
        _echo.Bytes([1], new byte[] { 2, 3 }, [4, 5, 6]);

        CallFrame frame = _engine.Frame;
        int function = IndexOf(nameof(IEchoGuest.Bytes));
        Assert.Equal((uint)(LoopbackEngine.ExportIndexOffset + function), frame.FunctionIndex);
        Assert.Equal(LoopbackEngine.ExportIndexOffset + function, _engine.LastExport);
        Assert.Equal(CallFrameStatus.GuestCallRequested, frame.Status);
        Assert.Equal(3u, frame.SlotCount);
        Assert.Equal([AbiType.Bytes, AbiType.Bytes, AbiType.Bytes], Enumerable.Range(0, 3).Select(frame.GetSlotType));
        Assert.Equal(AbiType.Bytes, frame.ResultType);
        Assert.Equal(new byte[] { 2, 3 }, frame.GetBytes(1));
        Assert.Equal(new byte[] { 4, 5, 6 }, frame.GetBytes(2));
    }

    [Fact]
    public void Strings_and_bytes_round_trip_through_the_payload()
    {
        Assert.Equal("grüße, 世界", _echo.String("grüße, 世界"));
        Assert.Equal("", _echo.String(""));
        Assert.Equal(new byte[] { 9, 8, 7 }, _echo.Bytes([9, 8, 7], ReadOnlyMemory<byte>.Empty, []));
    }

    [Fact]
    public void A_cancellation_token_goes_to_the_engine_and_takes_no_slot()
    {
        using var source = new CancellationTokenSource();

        Assert.Equal(42L, _echo.Cancellable(source.Token, 42));

        Assert.Equal(source.Token, _engine.LastToken);
        Assert.Equal(1u, _engine.Frame.SlotCount);
    }

    [Fact]
    public void A_null_string_is_rejected_before_the_guest_runs()
    {
        var failure = Assert.Throws<ArgumentNullException>(() => _echo.String(null!));

        Assert.Equal("text", failure.ParamName);
        Assert.Equal(0, _engine.Invocations);
    }

    [Fact]
    public void The_descriptor_lists_every_export_in_declaration_order_with_overridden_names()
    {
        Assert.Equal(
            ["Bool", "SByte", "Byte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Single", "Double", "String", "Bytes", "Enum", "Cancellable", "Nothing", "renamed_export"],
            _engine.Resolved.Select(f => f.Name));
        Assert.Equal("renamed_export(int) -> int", _engine.Resolved[^1].ToString());
        Assert.Equal("Renamed", _engine.Resolved[^1].MethodName);
        Assert.Equal("Cancellable(long) -> long", _engine.Resolved[IndexOf(nameof(IEchoGuest.Cancellable))].ToString());
    }

    [Fact]
    public void Methods_not_marked_in_a_partly_marked_interface_throw_and_are_not_resolved()
    {
        var partly = _sandbox.Guest<IPartlyMarked>();

        Assert.Equal(7, partly.Marked(7));
        var failure = Assert.Throws<NotSupportedException>(() => partly.NotMarked(7));
        Assert.Contains("IPartlyMarked.NotMarked(int)", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_engine.Resolved, f => f.Name == "NotMarked");
    }

    [Fact]
    public void Scalar_calls_allocate_nothing()
    {
        for (int i = 0; i < 1000; i++)
            CallScalars(i);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
            CallScalars(i);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_allocation_measurement_sees_allocations()
    {
        // Guards the test above against measuring nothing: a string result must be allocated.
        long before = GC.GetAllocatedBytesForCurrentThread();
        _echo.String("text");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() > before);
    }

    private void CallScalars(int i)
    {
        _echo.Int32(i);
        _echo.Int64(i);
        _echo.UInt64((ulong)i);
        _echo.Double(i);
        _echo.Bool(i % 2 == 0);
        _echo.Enum(Level.Low);
        _echo.Cancellable(CancellationToken.None, i);
        _echo.Nothing();
    }

    private int IndexOf(string method) => _engine.Resolved.FindIndex(f => f.MethodName == method);
}
