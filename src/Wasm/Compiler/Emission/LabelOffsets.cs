using Iced.Intel;

namespace Hyperlight.Wasm.Compiler.Emission;

/// <summary>
/// Where each label of an assembled image ended up, by label id (Iced numbers the labels of one
/// <see cref="Assembler"/> 1, 2, 3, …, and marks the instruction a label is bound to by putting
/// the id in its <see cref="Instruction.IP"/>). With each label it keeps how many shortenable
/// branches come before it, which tells <see cref="BranchShortening"/> how far the label moves
/// without searching.
/// </summary>
internal sealed class LabelOffsets
{
    private const int Unbound = -1;

    private int[] _offsets = [];
    private int[] _branchesBefore = [];

    /// <summary>Forgets every label, for a new image, keeping the tables when they are large enough.</summary>
    /// <param name="capacity">Label ids expected (more grow the tables, by copying them).</param>
    public void Reset(int capacity)
    {
        if (_offsets.Length < capacity)
        {
            _offsets = new int[Math.Max(capacity, 16)];
            _branchesBefore = new int[_offsets.Length];
        }
        Array.Fill(_offsets, Unbound);
    }

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

    /// <summary>The number of shortenable branches written before the (bound) label.</summary>
    public int BranchesBefore(ulong id)
    {
        Of(id);
        return _branchesBefore[id];
    }

    /// <exception cref="InvalidOperationException">The label is already bound (two copies of one <see cref="Label"/> were both bound: an internal compiler error).</exception>
    public void Bind(ulong id, int offset, int branchesBefore)
    {
        if (id >= (ulong)_offsets.Length)
            Grow(id);
        if (_offsets[id] != Unbound)
            throw new InvalidOperationException($"Internal compiler error: label {id} is bound twice (at offsets {_offsets[id]} and {offset})");
        _offsets[id] = offset;
        _branchesBefore[id] = branchesBefore;
    }

    /// <summary>Moves every bound label down by <paramref name="savedBefore"/> of its <see cref="BranchesBefore"/>, after the code was compacted.</summary>
    public void MoveDown(Func<int, int> savedBefore)
    {
        for (int id = 0; id < _offsets.Length; id++)
        {
            if (_offsets[id] != Unbound)
                _offsets[id] -= savedBefore(_branchesBefore[id]);
        }
    }

    private void Grow(ulong id)
    {
        if (id > int.MaxValue / 2)
            throw new InvalidOperationException($"Internal compiler error: label id {id} is out of range");
        int previous = _offsets.Length;
        int length = Math.Max(previous * 2, (int)id + 1);
        Array.Resize(ref _offsets, length);
        Array.Resize(ref _branchesBefore, length);
        Array.Fill(_offsets, Unbound, previous, length - previous);
    }
}
