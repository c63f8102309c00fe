using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Reads a validated function body: opcodes and LEB128 immediates. The validator has already
/// checked the encoding, so a malformed body here is an internal error, reported with its offset.
/// A value type: a copy reads on from where the original was, independently of it.
/// </summary>
internal struct CodeReader
{
    // The body as a segment of an array: indexing it directly is several times cheaper than going
    // through ReadOnlyMemory.Span for every byte, and a compile reads each body twice (the
    // pinned-local pre-scan, then code generation).
    private readonly byte[] _bytes;
    private readonly int _start;
    private readonly int _end;
    private readonly int _moduleOffset;

    // Index in _bytes of the next byte.
    private int _index;

    public CodeReader(ReadOnlyMemory<byte> code, int moduleOffset)
    {
        if (!MemoryMarshal.TryGetArray(code, out ArraySegment<byte> body))
            body = code.ToArray();
        _bytes = body.Array!;
        _start = body.Offset;
        _end = body.Offset + body.Count;
        _moduleOffset = moduleOffset;
        _index = _start;
    }

    public readonly bool AtEnd => _index >= _end;

    /// <summary>Read position in the body, saved and restored to look ahead.</summary>
    public int Position
    {
        readonly get => _index - _start;
        set => _index = _start + value;
    }

    /// <summary>Module byte offset of the next byte to read.</summary>
    public readonly int ModuleOffset => _moduleOffset + Position;

    public byte ReadByte()
    {
        if (_index >= _end)
            ThrowEndOfBody();
        return _bytes[_index++];
    }

    /// <summary>The next byte without consuming it (a body always ends with <c>end</c>, so there is one after any operator).</summary>
    public readonly byte PeekByte()
    {
        if (_index >= _end)
            ThrowEndOfBody();
        return _bytes[_index];
    }

    public uint ReadU32() => (uint)ReadUnsigned(32);

    public int ReadS32() => (int)ReadSigned(32);

    public long ReadS64() => ReadSigned(64);

    /// <summary>A block type: -64 (0x40) for none, a negative value-type code, or a type index.</summary>
    public long ReadBlockType() => ReadSigned(33);

    public uint ReadF32Bits() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(sizeof(uint)));

    public ulong ReadF64Bits() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(sizeof(ulong)));

    private ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (_end - _index < count)
            ThrowEndOfBody();
        _index += count;
        return _bytes.AsSpan(_index - count, count);
    }

    /// <summary>
    /// Skips the immediates of <paramref name="opcode"/> (just read), for passes that only follow
    /// the instruction stream: dead code, and the local-usage pre-scan. Block types are immediates too.
    /// </summary>
    public void SkipImmediates(byte opcode)
    {
        switch (opcode)
        {
            case 0x02 or 0x03 or 0x04:
                ReadBlockType();
                break;
            case 0x0C or 0x0D or 0x10 or 0x20 or 0x21 or 0x22 or 0x23 or 0x24 or 0x25 or 0x26 or 0xD2:
                ReadU32();
                break;
            case 0x0E:
                for (uint n = ReadU32() + 1; n > 0; n--)
                    ReadU32();
                break;
            case 0x11:
                ReadU32();
                ReadU32();
                break;
            case 0x1C:
                for (uint n = ReadU32(); n > 0; n--)
                    ReadByte();
                break;
            case >= 0x28 and <= 0x3E:
                ReadU32();
                ReadU32();
                break;
            case 0x3F or 0x40 or 0xD0:
                ReadByte();
                break;
            case 0x41: ReadS32(); break;
            case 0x42: ReadS64(); break;
            case 0x43: ReadF32Bits(); break;
            case 0x44: ReadF64Bits(); break;
            case 0xFC:
                SkipPrefixedImmediates(ReadU32());
                break;
            case 0xFD:
                throw new WasmCompileException("SIMD (0xFD prefix) is not supported", ModuleOffset - 1);
        }
    }

    private void SkipPrefixedImmediates(uint opcode)
    {
        switch (opcode)
        {
            case 8: ReadU32(); ReadByte(); break;
            case 9 or 13 or 15 or 16 or 17: ReadU32(); break;
            case 10: ReadByte(); ReadByte(); break;
            case 11: ReadByte(); break;
            case 12 or 14: ReadU32(); ReadU32(); break;
        }
    }

    private ulong ReadUnsigned(int bits)
    {
        // Most immediates (local and label indices, alignments, offsets) fit in one byte.
        if (_index < _end && _bytes[_index] < 0x80)
            return _bytes[_index++];
        ulong result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = ReadByte();
            if (shift >= bits + 7)
                throw new WasmCompileException("Integer immediate too long", ModuleOffset - 1);
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return result;
        }
    }

    private long ReadSigned(int bits)
    {
        long result = 0;
        int shift = 0;
        byte b;
        do
        {
            b = ReadByte();
            if (shift >= bits + 7)
                throw new WasmCompileException("Integer immediate too long", ModuleOffset - 1);
            result |= (long)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0)
            result |= -1L << shift;
        return result;
    }

    [DoesNotReturn]
    private readonly void ThrowEndOfBody() => throw new WasmCompileException("Unexpected end of function body", ModuleOffset);
}
