using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Locals pinned to registers (<see cref="PinnedLocals"/>): a local.get pushes a read of the
/// register in place, a local.set moves into it. The frame slot is only a save area across calls.
/// </summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>At the start of the body: parameters come from their incoming slots, declared locals start at zero.</summary>
    private void LoadPinnedLocals()
    {
        foreach (uint local in _pinned.Locals)
        {
            if (local < _parameterCount)
                ReloadPinnedLocal(local);
            else
                MoveToPinned(local, StackEntry.Constant(_localTypes[local], 0), depth: -1);
        }
    }

    /// <summary>Before a call, which clobbers every pinned register: locals this body writes go back to their slots (the others' slots still hold them).</summary>
    private void SavePinnedLocals()
    {
        foreach (uint local in _pinned.Locals)
            SavePinnedLocal(local);
    }

    private void SavePinnedLocal(uint local)
    {
        if (_pinned.IsWritten(local))
            StoreEntry(LocalSlot(local), StackEntry.PinnedLocal(_localTypes[local], _pinned.RegisterOf(local), local));
    }

    /// <summary>After a call. Entries reading a pinned local in place stay valid across it: a callee cannot change this frame's locals.</summary>
    private void ReloadPinnedLocals()
    {
        foreach (uint local in _pinned.Locals)
            ReloadPinnedLocal(local);
    }

    private void ReloadPinnedLocal(uint local)
    {
        byte register = _pinned.RegisterOf(local);
        if (StackEntry.IsFloat(_localTypes[local]))
            LoadFromMemory(register, _localTypes[local], LocalSlot(local));
        else
            LoadFromMemory((Gpr)register, _localTypes[local], LocalSlot(local));
    }

    /// <summary>local.set/tee of a pinned local: the top value moves into its register; a tee leaves a read of the register on the stack.</summary>
    private void SetPinnedLocal(uint local, bool tee)
    {
        DetachReadsOf(local, Depth - 1);
        PopIntoPinned(local);
        FinishPinnedUpdate(local, tee);
    }

    /// <summary>Pops the top value into pinned <paramref name="local"/>'s register.</summary>
    private void PopIntoPinned(uint local)
    {
        int depth = Depth - 1;
        StackEntry value = Pop();
        MoveToPinned(local, value, depth);
        Release(value);
    }

    private void MoveToPinned(uint local, StackEntry value, int depth)
    {
        byte register = _pinned.RegisterOf(local);
        if (StackEntry.IsFloat(_localTypes[local]))
            LoadXmm(register, value, depth);
        else
            LoadGpr((Gpr)register, value, depth);
    }

    /// <summary>
    /// Fuses a two-address binary operator with a local.set (or local.tee) of a pinned local x right
    /// after it: the instruction is consumed, and the caller moves the left operand into x's register
    /// (nothing to move for <c>local.get x; …; op; local.set x</c>) and applies the operator there,
    /// then calls <see cref="FinishPinnedUpdate"/>. That saves the move of the result, and takes the
    /// move off the loop-carried chain when x depends on itself. Not done when the right operand
    /// reads x in place but the left one does not (moving into x first would change it). Reads of
    /// x lower on the stack are detached first.
    /// </summary>
    private bool TryTargetPinnedLocal(out uint local, out bool tee)
    {
        byte next = _reader.PeekByte();
        tee = next == 0x22;
        local = 0;
        if (next is not (0x21 or 0x22))
            return false;
        int mark = _reader.Position;
        _reader.ReadByte();
        local = _reader.ReadU32();
        if (!_pinned.TryGetRegister(local, out _) || (ReadsLocal(Peek(), local) && !ReadsLocal(Peek(1), local)))
        {
            _reader.Position = mark;
            return false;
        }
        DetachReadsOf(local, Depth - 2);
        return true;
    }

    private static bool ReadsLocal(StackEntry e, uint local) => e.Location == ValueLocation.Local && e.Bits == local;

    /// <summary>After an operator wrote a pinned local in place: a tee leaves a read of it on the stack.</summary>
    private void FinishPinnedUpdate(uint local, bool tee)
    {
        if (tee)
            Push(StackEntry.PinnedLocal(_localTypes[local], _pinned.RegisterOf(local), local));
    }

    /// <summary>Before <paramref name="local"/> changes, entries below depth <paramref name="end"/> that still read its old value in place get a register of their own.</summary>
    private void DetachReadsOf(uint local, int end)
    {
        for (int d = 0; d < end; d++)
        {
            StackEntry e = _stack[d];
            if (!ReadsLocal(e, local))
                continue;
            if (StackEntry.IsFloat(e.Type))
            {
                int x = AllocateXmm();
                LoadXmm(x, e, d);
                _stack[d] = StackEntry.InXmm(e.Type, x);
            }
            else
            {
                Gpr r = AllocateGpr();
                LoadGpr(r, e, d);
                _stack[d] = StackEntry.InGpr(e.Type, r);
            }
        }
    }
}
