using System.Buffers.Binary;
using Iced.Intel;

namespace Hyperlight.Wasm.Compiler.Emission;

/// <summary>
/// The growing output of <see cref="ImageEncoder"/>: Iced's encoder writes into it byte by byte,
/// and label fix-ups are patched into it once every label's offset is known. It is kept per thread
/// between compiles, so a module's code does not regrow a large-object-heap array every time.
/// </summary>
internal sealed class CodeBuffer : CodeWriter
{
    /// <summary>Capacity above which a buffer is dropped after use instead of kept for the next compile.</summary>
    public const int MaxRetainedBytes = 4 << 20;

    private byte[] _bytes = new byte[64 * 1024];

    public int Length { get; private set; }

    public void Clear() => Length = 0;

    public override void WriteByte(byte value)
    {
        if (Length == _bytes.Length)
            Array.Resize(ref _bytes, checked(_bytes.Length * 2));
        _bytes[Length++] = value;
    }

    public void AppendInt32(int value)
    {
        if (Length > _bytes.Length - sizeof(int))
            Array.Resize(ref _bytes, checked(_bytes.Length * 2));
        BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(Length), value);
        Length += sizeof(int);
    }

    public int Capacity => _bytes.Length;

    public void PatchInt32(int position, int value) => BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(position, Length - position), value);

    public byte[] ToArray() => _bytes.AsSpan(0, Length).ToArray();
}
