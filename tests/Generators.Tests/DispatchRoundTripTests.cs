using System.Reflection;
using System.Runtime.InteropServices;
using Hyperlight.Bindings;
using Hyperlight.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Hyperlight.Generators.Tests;

/// <summary>
/// Compiles a host interface with its generated dispatcher, loads it, and plays the engine's part:
/// arguments go into a native call frame the way the protocol lays them out, Dispatch runs the
/// implementation, and the result is read back from slot 0.
/// </summary>
public sealed unsafe class DispatchRoundTripTests : IDisposable
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Globalization;
        using System.Linq;
        using System.Text;
        using Hyperlight;
        using Hyperlight.Bindings;

        namespace RoundTrip;

        public enum Level : byte { Low = 1, High = 200 }

        [HostFunction]
        public partial interface IHost
        {
            long Scalars(bool flag, sbyte s8, byte u8, short s16, ushort u16, int s32, uint u32, long s64, ulong u64, float f32, double f64, Level level);
            uint Flip(uint value);
            ulong Biggest();
            string Join(string text, ReadOnlySpan<byte> span, ReadOnlyMemory<byte> memory, byte[] array);
            byte[] Reverse(byte[] data);
            Level Next(Level level);
            string NullString();
        }

        public sealed class Recorder : IHost
        {
            public List<string> Calls { get; } = new();

            public long Scalars(bool flag, sbyte s8, byte u8, short s16, ushort u16, int s32, uint u32, long s64, ulong u64, float f32, double f64, Level level)
            {
                Calls.Add(string.Join(",", new object[] { flag, s8, u8, s16, u16, s32, u32, s64, u64, f32, f64, level }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
                return s64 + 1;
            }

            public uint Flip(uint value) => ~value;

            public ulong Biggest() => ulong.MaxValue;

            public string Join(string text, ReadOnlySpan<byte> span, ReadOnlyMemory<byte> memory, byte[] array) =>
                text + "|" + Convert.ToHexString(span) + "|" + Convert.ToHexString(memory.Span) + "|" + Convert.ToHexString(array);

            public byte[] Reverse(byte[] data) { Array.Reverse(data); return data; }

            public Level Next(Level level) => level == Level.Low ? Level.High : Level.Low;

            public string NullString() => null!;
        }

        public static class Harness
        {
            public static readonly Recorder Implementation = new();

            public static HostDispatcher Dispatcher => (function, frame) => Dispatch<IHost>(Implementation, function, frame);

            public static HostInterfaceDescriptor Descriptor => Describe<IHost>();

            private static HostInterfaceDescriptor Describe<T>() where T : class, IHostFunctions<T> => T.HostDescriptor;

            private static void Dispatch<T>(T implementation, int function, CallFrame frame) where T : class, IHostFunctions<T> =>
                T.Dispatch(implementation, function, frame);
        }
        """;

    private static readonly Lazy<Type> Harness = new(CompileHarness);

    private readonly byte* _memory;
    private readonly CallFrame _frame;

    public DispatchRoundTripTests()
    {
        _memory = (byte*)NativeMemory.AllocZeroed(CallFrameLayout.MinimumSize);
        _frame = new CallFrame(_memory, CallFrameLayout.MinimumSize);
    }

    public void Dispose() => NativeMemory.Free(_memory);

    private static HostDispatcher Dispatcher => (HostDispatcher)Harness.Value.GetProperty("Dispatcher")!.GetValue(null)!;

    private static List<string> Calls
    {
        get
        {
            object implementation = Harness.Value.GetField("Implementation")!.GetValue(null)!;
            return (List<string>)implementation.GetType().GetProperty("Calls")!.GetValue(implementation)!;
        }
    }

    [Fact]
    public void Scalar_arguments_arrive_as_written_and_the_result_lands_in_slot_0()
    {
        BeginHostCall(function: 0, slots: 12);
        _frame.SetInt32(0, 1);
        _frame.SetInt32(1, -5);
        _frame.SetInt32(2, 250);
        _frame.SetInt32(3, -300);
        _frame.SetInt32(4, 65000);
        _frame.SetInt32(5, int.MinValue);
        _frame.SetInt32(6, unchecked((int)uint.MaxValue));
        _frame.SetInt64(7, long.MaxValue - 1);
        _frame.SetInt64(8, unchecked((long)ulong.MaxValue));
        _frame.SetSingle(9, 1.5f);
        _frame.SetDouble(10, -2.25);
        _frame.SetInt32(11, 200);

        Dispatcher(0, _frame);

        Assert.Equal("True,-5,250,-300,65000,-2147483648,4294967295,9223372036854775806,18446744073709551615,1.5,-2.25,High", Calls[^1]);
        Assert.Equal(long.MaxValue, _frame.GetInt64(0));
    }

    [Fact]
    public void Narrow_arguments_wrap_like_the_canonical_abi()
    {
        BeginHostCall(function: 0, slots: 12);
        _frame.SetInt32(0, 2);          // any non-zero i32 is true
        _frame.SetInt32(1, 0x1FF);      // sbyte keeps the low byte: -1
        _frame.SetInt32(2, 0x123);      // byte: 0x23
        _frame.SetInt32(3, 0x18000);    // short: -32768
        _frame.SetInt32(4, -1);         // ushort: 65535
        _frame.SetInt32(11, 0x101);     // Level (byte): 1 = Low

        Dispatcher(0, _frame);

        Assert.StartsWith("True,-1,35,-32768,65535,", Calls[^1], StringComparison.Ordinal);
        Assert.EndsWith(",Low", Calls[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Unsigned_results_keep_their_bits()
    {
        BeginHostCall(function: 1, slots: 1);
        _frame.SetInt32(0, 0x0F0F0F0F);
        Dispatcher(1, _frame);
        Assert.Equal(unchecked((int)0xF0F0F0F0), _frame.GetInt32(0));

        BeginHostCall(function: 2, slots: 0);
        Dispatcher(2, _frame);
        Assert.Equal(ulong.MaxValue, _frame.GetRaw(0));
    }

    [Fact]
    public void Strings_and_bytes_are_read_from_the_payload_and_the_result_is_staged_there()
    {
        BeginHostCall(function: 3, slots: 4);
        _frame.SetString(0, "héllo");
        _frame.SetBytes(1, [0x01, 0x02]);
        _frame.SetBytes(2, [0xAB]);
        _frame.SetBytes(3, []);

        Dispatcher(3, _frame);

        Assert.Equal("héllo|0102|AB|", _frame.GetString(0));
    }

    [Fact]
    public void A_byte_array_result_and_an_enum_result_round_trip()
    {
        BeginHostCall(function: 4, slots: 1);
        _frame.SetBytes(0, [1, 2, 3]);
        Dispatcher(4, _frame);
        Assert.Equal(new byte[] { 3, 2, 1 }, _frame.GetBytes(0));

        BeginHostCall(function: 5, slots: 1);
        _frame.SetInt32(0, 1);
        Dispatcher(5, _frame);
        Assert.Equal(200, _frame.GetInt32(0));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void An_unknown_function_number_is_rejected(int function)
    {
        BeginHostCall(function, slots: 0);

        var failure = Assert.Throws<ArgumentOutOfRangeException>(() => Dispatcher(function, _frame));
        Assert.Equal("function", failure.ParamName);
        Assert.Contains("RoundTrip.IHost has 7 host functions, numbered 0 to 6", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_string_result_names_the_host_function()
    {
        BeginHostCall(function: 6, slots: 0);

        var failure = Assert.Throws<InvalidOperationException>(() => Dispatcher(6, _frame));
        Assert.Contains("RoundTrip.IHost.NullString returned null", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_slot_pointing_outside_the_payload_is_a_protocol_error()
    {
        BeginHostCall(function: 3, slots: 4);
        _frame.SetRaw(0, ((ulong)16 << 32) | (uint)(_frame.PayloadCapacity - 8));

        Assert.Throws<GuestProtocolException>(() => Dispatcher(3, _frame));
    }

    [Fact]
    public void The_descriptor_lists_the_imports_in_declaration_order()
    {
        var descriptor = (HostInterfaceDescriptor)Harness.Value.GetProperty("Descriptor")!.GetValue(null)!;

        Assert.Equal("env", descriptor.Module);
        Assert.Equal(["Scalars", "Flip", "Biggest", "Join", "Reverse", "Next", "NullString"], descriptor.Functions.Select(f => f.Name));
        Assert.Equal("Join(string, bytes, bytes, bytes) -> string", descriptor.Functions[3].ToString());
    }

    /// <summary>What an engine does before it fills the argument slots of a host call.</summary>
    private void BeginHostCall(int function, int slots) =>
        _frame.Begin(unchecked((uint)function), CallFrameStatus.HostCallRequested, slots);

    private static Type CompileHarness()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray()).GetType("RoundTrip.Harness", throwOnError: true)!;
    }
}
