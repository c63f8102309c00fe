namespace Hyperlight.Wasmtime.Tests.Bindings;

// The binding interfaces over Guests/test-guest.wat. Several exports alias one Wasm function (for
// example every 32-bit type's echo_* is the same i32 identity) to check each type's mapping on the same code.

public enum Color : byte { Red = 1, Green = 2, Blue = 200 }

public enum Big : long { Min = long.MinValue, Max = long.MaxValue }

public partial interface IScalars
{
    [GuestFunction("not")] bool Not(bool value);
    [GuestFunction("echo_sbyte")] sbyte EchoSByte(sbyte value);
    [GuestFunction("inc_sbyte")] sbyte IncrementSByte(sbyte value);
    [GuestFunction("echo_byte")] byte EchoByte(byte value);
    [GuestFunction("inc_byte")] byte IncrementByte(byte value);
    [GuestFunction("echo_short")] short EchoInt16(short value);
    [GuestFunction("echo_ushort")] ushort EchoUInt16(ushort value);
    [GuestFunction("inc_ushort")] ushort IncrementUInt16(ushort value);
    [GuestFunction("echo_int")] int EchoInt32(int value);
    [GuestFunction("inc_int")] int IncrementInt32(int value);
    [GuestFunction("echo_uint")] uint EchoUInt32(uint value);
    [GuestFunction("echo_long")] long EchoInt64(long value);
    [GuestFunction("echo_ulong")] ulong EchoUInt64(ulong value);
    [GuestFunction("echo_f32")] float EchoSingle(float value);
    [GuestFunction("echo_f64")] double EchoDouble(double value);
    [GuestFunction("echo_color")] Color EchoColor(Color value);
    [GuestFunction("echo_big")] Big EchoBig(Big value);
    [GuestFunction("mix")] double Mix(int a, long b, float c, double d);
    [GuestFunction("nothing")] void Nothing();
}

public partial interface IData
{
    [GuestFunction("echo_string")] string Echo(string text);
    [GuestFunction("echo_bytes")] byte[] EchoBytes(byte[] data);
    [GuestFunction("echo_span")] byte[] EchoSpan(ReadOnlySpan<byte> data);
    [GuestFunction("echo_memory")] byte[] EchoMemory(ReadOnlyMemory<byte> data);
    [GuestFunction("length")] int Utf8Length(string text);
    [GuestFunction("total_length")] int TotalLength(string first, byte[] second, string third);
    [GuestFunction("post_count")] int PostReturnCount();
}

public partial interface IHostCalls
{
    [GuestFunction("via_bool")] bool ViaBool(bool value);
    [GuestFunction("via_sbyte")] sbyte ViaSByte(sbyte value);
    [GuestFunction("via_byte")] byte ViaByte(byte value);
    [GuestFunction("via_short")] short ViaInt16(short value);
    [GuestFunction("via_ushort")] ushort ViaUInt16(ushort value);
    [GuestFunction("via_int")] int ViaInt32(int value);
    [GuestFunction("via_uint")] uint ViaUInt32(uint value);
    [GuestFunction("via_long")] long ViaInt64(long value);
    [GuestFunction("via_ulong")] ulong ViaUInt64(ulong value);
    [GuestFunction("via_float")] float ViaSingle(float value);
    [GuestFunction("via_double")] double ViaDouble(double value);
    [GuestFunction("via_color")] Color ViaColor(Color value);
    [GuestFunction("via_upper")] string ViaUpper(string text);
    [GuestFunction("via_reverse")] byte[] ViaReverse(byte[] data);
    [GuestFunction("log_message")] void LogMessage(string message);
    [GuestFunction("sum_squares")] long SumSquares(int count, CancellationToken cancellationToken = default);
    [GuestFunction("call_fail")] void CallFail(int code);
}

public partial interface IFaults
{
    [GuestFunction("echo_int")] int Echo(int value);
    [GuestFunction("trap_unreachable")] void Unreachable();
    [GuestFunction("divide")] int Divide(int dividend, int divisor);
    [GuestFunction("load")] int Load(int address);
    [GuestFunction("recurse")] int Recurse(int depth);
    [GuestFunction("spin")] void Spin();
    [GuestFunction("spin_cancellable")] void SpinUntilCancelled(CancellationToken cancellationToken);
    [GuestFunction("grow")] int Grow(int pages);
    [GuestFunction("bad_pointer")] string BadPointer();
    [GuestFunction("bad_length")] byte[] BadLength();
    [GuestFunction("bad_area")] string BadReturnArea();
    [GuestFunction("bad_utf8")] string BadUtf8();
    [GuestFunction("huge_result")] byte[] HugeResult();
    [GuestFunction("log_bad_utf8")] void LogBadUtf8();
    [GuestFunction("log_out_of_bounds")] void LogOutOfBounds();
}

/// <summary>What the test guest imports from module <c>env</c>.</summary>
public partial interface ITestHost
{
    [HostFunction("host_bool")] bool HostBool(bool value);
    [HostFunction("host_sbyte")] sbyte HostSByte(sbyte value);
    [HostFunction("host_byte")] byte HostByte(byte value);
    [HostFunction("host_short")] short HostInt16(short value);
    [HostFunction("host_ushort")] ushort HostUInt16(ushort value);
    [HostFunction("host_int")] int HostInt32(int value);
    [HostFunction("host_uint")] uint HostUInt32(uint value);
    [HostFunction("host_long")] long HostInt64(long value);
    [HostFunction("host_ulong")] ulong HostUInt64(ulong value);
    [HostFunction("host_float")] float HostSingle(float value);
    [HostFunction("host_double")] double HostDouble(double value);
    [HostFunction("host_color")] Color HostColor(Color value);
    [HostFunction("host_upper")] string Upper(string text);
    [HostFunction("host_reverse")] byte[] Reverse(ReadOnlySpan<byte> data);
    [HostFunction("log")] void Log(string message);
    [HostFunction("square")] long Square(int value);
    [HostFunction("fail")] void Fail(int code);
}
