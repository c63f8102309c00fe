namespace Hyperlight.Wasmtime.Tests.Bindings;

/// <summary>
/// The host side of the test guest: remembers the last value each function received and answers
/// with a fixed transformation of it (bitwise complement, negation, …) so a test can check both
/// directions of one crossing.
/// </summary>
public sealed class RecordingHost : ITestHost
{
    public object? LastArgument { get; private set; }

    public List<string> Messages { get; } = [];

    public int Squares { get; private set; }

    /// <summary>Replaces what <c>square</c> does, e.g. to call back into the sandbox.</summary>
    public Func<int, long>? OnSquare { get; set; }

    public bool HostBool(bool value) => !Record(value);
    public sbyte HostSByte(sbyte value) => (sbyte)~Record(value);
    public byte HostByte(byte value) => (byte)~Record(value);
    public short HostInt16(short value) => (short)~Record(value);
    public ushort HostUInt16(ushort value) => (ushort)~Record(value);
    public int HostInt32(int value) => ~Record(value);
    public uint HostUInt32(uint value) => ~Record(value);
    public long HostInt64(long value) => ~Record(value);
    public ulong HostUInt64(ulong value) => ~Record(value);
    public float HostSingle(float value) => -Record(value);
    public double HostDouble(double value) => -Record(value);
    public Color HostColor(Color value) => Record(value) == Color.Red ? Color.Blue : Color.Red;
    public string Upper(string text) => Record(text).ToUpperInvariant();

    public byte[] Reverse(ReadOnlySpan<byte> data)
    {
        byte[] reversed = Record(data.ToArray()).ToArray();
        Array.Reverse(reversed);
        return reversed;
    }

    public void Log(string message) => Messages.Add(message);

    public long Square(int value)
    {
        Squares++;
        return OnSquare is { } replacement ? replacement(value) : (long)value * value;
    }

    public void Fail(int code) => throw new InvalidOperationException($"host failure {code}");

    private T Record<T>(T value)
    {
        LastArgument = value;
        return value;
    }
}
