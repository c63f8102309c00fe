using System.Buffers.Binary;
using Iced.Intel;

namespace Hyperlight.Wasm.Compiler.Emission;

/// <summary>
/// The growing output of <see cref="ImageEncoder"/>: Iced's encoder writes into it byte by byte,
/// <see cref="CommonFormEncoder"/> an instruction at a time, and label displacements are patched
/// into it once every label's offset is known. It is kept per
/// thread between compiles, so a module's code does not regrow a large-object-heap array every time.
/// </summary>
internal sealed class CodeBuffer : CodeWriter
{
    /// <summary>Capacity above which a buffer is dropped after use instead of kept for the next compile.</summary>
    public const int MaxRetainedBytes = 4 << 20;

    private byte[] _bytes = new byte[64 * 1024];

    public int Length { get; private set; }

    public int Capacity => _bytes.Length;

    /// <summary>The code written so far.</summary>
    public Span<byte> Written => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public override void WriteByte(byte value)
    {
        if (Length == _bytes.Length)
            Grow();
        _bytes[Length++] = value;
    }

    /// <summary>Room for at least <paramref name="count"/> more bytes, at the end of the code; <see cref="Advance"/> then keeps what was written.</summary>
    public Span<byte> Reserve(int count)
    {
        if (Length > _bytes.Length - count)
            Grow();
        return _bytes.AsSpan(Length, count);
    }

    public void Advance(int count) => Length = count <= _bytes.Length - Length ? Length + count : throw new ArgumentOutOfRangeException(nameof(count));

    public void AppendZeros(int count)
    {
        if (Length > _bytes.Length - count)
            Grow();
        _bytes.AsSpan(Length, count).Clear();
        Length += count;
    }

    /// <summary>Drops the end of the code, after it was compacted in place.</summary>
    public void Truncate(int length) => Length = length <= Length ? length : throw new ArgumentOutOfRangeException(nameof(length));

    /// <summary>Writes the displacement of <paramref name="reference"/>.</summary>
    /// <exception cref="InvalidOperationException">A one-byte displacement does not reach (an internal compiler error).</exception>
    public void Patch(LabelReference reference, int displacement)
    {
        if (reference.Width == sizeof(int))
        {
            BinaryPrimitives.WriteInt32LittleEndian(Written[reference.Position..], displacement);
            return;
        }
        if (displacement is < sbyte.MinValue or > sbyte.MaxValue)
            throw new InvalidOperationException($"Internal compiler error: a short branch at offset {reference.Position - 1} cannot reach label {reference.Label} ({displacement} bytes)");
        _bytes[reference.Position] = unchecked((byte)(sbyte)displacement);
    }

    public byte[] ToArray() => Written.ToArray();

    private void Grow() => Array.Resize(ref _bytes, checked(_bytes.Length * 2));
}
