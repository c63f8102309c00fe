namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Reads a validated function body: opcodes and LEB128 immediates. The validator has already
/// checked the encoding, so a malformed body here is an internal error, reported with its offset.
/// </summary>
internal sealed class CodeReader(ReadOnlyMemory<byte> code, int moduleOffset)
{
    private readonly ReadOnlyMemory<byte> _code = code;
    private int _position;

    public bool AtEnd => _position >= _code.Length;

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
