namespace Hyperlight.Generators.Tests.Proxies;

// Guest interfaces compiled with the generator as part of this test project. Against
// LoopbackEngine, whose guest leaves the frame as it found it, a method whose first parameter
// has the result's type returns its own argument: the proxy's write and read must agree.

public enum Level : byte { Low = 1, High = 200 }

[GuestFunction]
public partial interface IEchoGuest
{
    bool Bool(bool value);
    sbyte SByte(sbyte value);
    byte Byte(byte value);
    short Int16(short value);
    ushort UInt16(ushort value);
    int Int32(int value);
    uint UInt32(uint value);
    long Int64(long value);
    ulong UInt64(ulong value);
    float Single(float value);
    double Double(double value);
    string String(string text);
    byte[] Bytes(ReadOnlySpan<byte> span, ReadOnlyMemory<byte> memory, byte[] array);
    Level Enum(Level level);
    long Cancellable(CancellationToken cancellationToken, long value);
    void Nothing();

    [GuestFunction("renamed_export")]
    int Renamed(int value);
}

public partial interface IPartlyMarked
{
    [GuestFunction]
    int Marked(int value);

    int NotMarked(int value);
}
