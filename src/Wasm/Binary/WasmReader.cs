using System.Text;
using System.Text.Unicode;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Binary;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>
/// A forward-only cursor over a slice of module bytes. Every read is bounds-checked and every
/// failure is a <see cref="WasmCompileException"/> carrying the absolute module offset, so callers
/// never see an index or overflow exception. Positions are absolute (module-relative) because the
/// errors, the function bodies and the data segments all refer back to the module.
/// </summary>
internal ref struct WasmReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly int _baseOffset;
    private int _position;

    public WasmReader(ReadOnlySpan<byte> bytes, int baseOffset)
    {
        _bytes = bytes;
        _baseOffset = baseOffset;
    }

    /// <summary>Module offset of the next byte to read.</summary>
    public readonly int Offset => _baseOffset + _position;

    public readonly bool AtEnd => _position >= _bytes.Length;

    public readonly int Remaining => _bytes.Length - _position;

    public static WasmCompileException Error(string message, int offset) => new(message, offset);

    public readonly WasmCompileException Error(string message) => new(message, Offset);

    public readonly byte PeekByte(string expected)
    {
        if (_position >= _bytes.Length)
            throw Truncated(expected);
        return _bytes[_position];
    }

    public byte ReadByte(string expected)
    {
        if (_position >= _bytes.Length)
            throw Truncated(expected);
        return _bytes[_position++];
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string expected)
    {
        if (count > Remaining)
            throw Error($"unexpected end: expected {expected} of {count} bytes, but only {Remaining} remain");
        ReadOnlySpan<byte> slice = _bytes.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>Splits off the next <paramref name="length"/> bytes as their own reader and skips them here.</summary>
    public WasmReader ReadSubReader(int length, string expected)
    {
        int start = Offset;
        return new WasmReader(ReadBytes(length, expected), start);
    }

    public uint ReadFixedUInt32(string expected) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4, expected));

    public ulong ReadFixedUInt64(string expected) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8, expected));

    public uint ReadVarUInt32(string expected) => (uint)ReadUnsignedLeb(32, expected);

    public int ReadVarInt32(string expected) => (int)ReadSignedLeb(32, expected);

    /// <summary>The signed 33-bit integer of block types, which makes room for every u32 type index.</summary>
    public long ReadVarInt33(string expected) => ReadSignedLeb(33, expected);

    public long ReadVarInt64(string expected) => ReadSignedLeb(64, expected);

    /// <summary>
    /// Reads the element count of a vector and rejects, before anything is allocated, counts above
    /// <paramref name="limit"/> or counts that cannot fit in the remaining bytes when every element
    /// takes at least <paramref name="minBytesPerElement"/> bytes. That keeps allocation proportional
    /// to the input: a declared count of 2^32-1 in a ten-byte module fails here.
    /// </summary>
    public int ReadCount(string elements, int limit, int minBytesPerElement)
    {
        int start = Offset;
        uint count = ReadVarUInt32("vector length");
        if (count > (uint)limit)
            throw Error($"too many {elements}: {count} exceeds the limit of {limit}", start);
        if ((long)count * minBytesPerElement > Remaining)
            throw Error($"unexpected end: {count} {elements} declared, but only {Remaining} bytes remain", start);
        return (int)count;
    }

    /// <summary>A length-prefixed UTF-8 name, validated strictly as the spec requires.</summary>
    public string ReadName(string expected)
    {
        int start = Offset;
        uint length = ReadVarUInt32("name length");
        if (length > WasmLimits.MaxNameBytes)
            throw Error($"{expected} is {length} bytes long; the limit is {WasmLimits.MaxNameBytes}", start);
        ReadOnlySpan<byte> bytes = ReadBytes((int)length, expected);
        if (!Utf8.IsValid(bytes))
            throw Error($"malformed UTF-8 encoding in {expected}", start);
        return Encoding.UTF8.GetString(bytes);
    }

    public ValueType ReadValueType(string expected)
    {
        int start = Offset;
        byte b = ReadByte(expected);
        return b switch
        {
            (byte)ValueType.I32 or (byte)ValueType.I64 or (byte)ValueType.F32 or (byte)ValueType.F64
                or (byte)ValueType.FuncRef or (byte)ValueType.ExternRef => (ValueType)b,
            (byte)ValueType.V128 => throw Error("SIMD (v128) is not supported", start),
            _ => throw Error($"malformed value type: expected {expected} (i32, i64, f32, f64, funcref or externref), found 0x{b:x2}", start),
        };
    }

    public ValueType ReadReferenceType(string expected)
    {
        int start = Offset;
        byte b = ReadByte(expected);
        if (b is not ((byte)ValueType.FuncRef or (byte)ValueType.ExternRef))
            throw Error($"malformed reference type: expected {expected} (funcref 0x70 or externref 0x6f), found 0x{b:x2}", start);
        return (ValueType)b;
    }

    private ulong ReadUnsignedLeb(int bits, string expected)
    {
        // Most values (indices, counts, alignments, small offsets) take one byte, which is always a
        // valid encoding of a 32-bit or wider integer.
        if (_position < _bytes.Length && _bytes[_position] < 0x80)
            return _bytes[_position++];
        int start = Offset;
        int maxBytes = (bits + 6) / 7;
        ulong result = 0;
        for (int i = 0; ; i++)
        {
            byte b = ReadByte(expected);
            if (i == maxBytes - 1)
            {
                if ((b & 0x80) != 0)
                    throw Error($"malformed LEB128 for {expected}: integer representation too long (more than {maxBytes} bytes)", start);
                int usedBits = bits - (7 * i);
                if (usedBits < 7 && (b >> usedBits) != 0)
                    throw Error($"malformed LEB128 for {expected}: integer too large (unused bits set in the last byte 0x{b:x2})", start);
            }
            result |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
                return result;
        }
    }

    private long ReadSignedLeb(int bits, string expected)
    {
        int start = Offset;
        int maxBytes = (bits + 6) / 7;
        long result = 0;
        for (int i = 0; ; i++)
        {
            byte b = ReadByte(expected);
            int shift = 7 * i;
            if (i == maxBytes - 1)
            {
                if ((b & 0x80) != 0)
                    throw Error($"malformed LEB128 for {expected}: integer representation too long (more than {maxBytes} bytes)", start);
                // The bits above the value's width must all repeat its sign bit.
                int usedBits = bits - shift;
                int upper = (b & 0x7F) >> (usedBits - 1);
                if (upper != 0 && upper != (0x7F >> (usedBits - 1)))
                    throw Error($"malformed LEB128 for {expected}: integer too large (unused bits of the last byte 0x{b:x2} do not match the sign)", start);
            }
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                shift += 7;
                if (shift < 64 && (b & 0x40) != 0)
                    result |= -1L << shift;
                return result;
            }
        }
    }

    private readonly WasmCompileException Truncated(string expected) =>
        Error($"unexpected end: expected {expected}");
}
