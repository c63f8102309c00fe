namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Reads a validated function body: opcodes and LEB128 immediates. The validator has already
/// checked the encoding, so a malformed body here is an internal error, reported with its offset.
/// A value type: a copy reads on from where the original was, independently of it.
/// </summary>
internal struct CodeReader(ReadOnlyMemory<byte> code, int moduleOffset)
{
    private readonly ReadOnlyMemory<byte> _code = code;
    private int _position;

    public bool AtEnd => _position >= _code.Length;

    /// <summary>Read position in the body, saved and restored to look ahead.</summary>
    public int Position
    {
        get => _position;
        set => _position = value;
    }

    /// <summary>Module byte offset of the next byte to read.</summary>
    public int ModuleOffset => moduleOffset + _position;

    public byte ReadByte()
    {
        if (_position >= _code.Length)
            throw new WasmCompileException("Unexpected end of function body", ModuleOffset);
        return _code.Span[_position++];
    }

    /// <summary>The next byte without consuming it (a body always ends with <c>end</c>, so there is one after any operator).</summary>
    public byte PeekByte() =>
        _position < _code.Length ? _code.Span[_position] : throw new WasmCompileException("Unexpected end of function body", ModuleOffset);

    public uint ReadU32() => (uint)ReadUnsigned(32);

    public int ReadS32() => (int)ReadSigned(32);

    public long ReadS64() => ReadSigned(64);

    /// <summary>A block type: -64 (0x40) for none, a negative value-type code, or a type index.</summary>
    public long ReadBlockType() => ReadSigned(33);

    public uint ReadF32Bits()
    {
        uint bits = 0;
        for (int i = 0; i < 4; i++)
            bits |= (uint)ReadByte() << (8 * i);
        return bits;
    }

    public ulong ReadF64Bits()
    {
        ulong bits = 0;
        for (int i = 0; i < 8; i++)
            bits |= (ulong)ReadByte() << (8 * i);
        return bits;
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
}
