using Iced.Intel;

namespace Hyperlight.Wasm.Compiler.Emission;

/// <summary>
/// Where each label of an assembled image ended up, by label id (Iced numbers the labels of one
/// <see cref="Assembler"/> 1, 2, 3, …, and marks the instruction a label is bound to by putting
/// the id in its <see cref="Instruction.IP"/>).
/// </summary>
internal sealed class LabelOffsets
{
    private const int Unbound = -1;

    private int[] _offsets = new int[1024];

    public LabelOffsets() => Array.Fill(_offsets, Unbound);

    /// <summary>The code offset of <paramref name="label"/>.</summary>
    /// <exception cref="InvalidOperationException">The label was never bound (an internal compiler error).</exception>
    public int this[Label label] => Of(label.Id);

    /// <summary>The code offset of the label with id <paramref name="id"/>.</summary>
    /// <exception cref="InvalidOperationException">The label was never bound (an internal compiler error).</exception>
    public int Of(ulong id)
    {
        if (TryGet(id, out int offset))
            return offset;
        throw new InvalidOperationException($"Internal compiler error: label {id} is referenced but was never bound to an instruction");
    }

    public bool TryGet(ulong id, out int offset)
    {
        offset = id < (ulong)_offsets.Length ? _offsets[id] : Unbound;
        return offset != Unbound;
    }

    /// <exception cref="InvalidOperationException">The label is already bound (two copies of one <see cref="Label"/> were both bound: an internal compiler error).</exception>
    public void Bind(ulong id, int offset)
    {
        if (id >= (ulong)_offsets.Length)
            Grow(id);
        if (_offsets[id] != Unbound)
            throw new InvalidOperationException($"Internal compiler error: label {id} is bound twice (at offsets {_offsets[id]} and {offset})");
        _offsets[id] = offset;
    }

    private void Grow(ulong id)
    {
        if (id > int.MaxValue / 2)
            throw new InvalidOperationException($"Internal compiler error: label id {id} is out of range");
        int previous = _offsets.Length;
        int length = Math.Max(previous * 2, (int)id + 1);
        Array.Resize(ref _offsets, length);
        Array.Fill(_offsets, Unbound, previous, length - previous);
    }
}
