using Hyperlight.Wasm.Model;
using Iced.Intel;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>The compile-time value stack and greedy register allocation.</summary>
internal sealed partial class FunctionCompiler
{
    private readonly List<StackEntry> _stack = [];
    private int _maxDepth;

    // Registers not free are either owned by a stack entry or held by the instruction being compiled.
    private uint _freeGprs;
    private uint _freeXmms;

    // The allocatable registers less those of pinned locals: freeing a register outside them (a
    // pinned local's, read in place) is a no-op.
    private uint _allocatableGprs;
    private uint _allocatableXmms;

    private void ResetRegisters()
    {
        _allocatableGprs = 0;
        foreach (Gpr r in CallingConvention.AllocatableGprs)
            _allocatableGprs |= 1u << (int)r;
        _allocatableGprs &= ~_pinned.GprMask;
        _allocatableXmms = ((1u << CallingConvention.AllocatableXmmCount) - 1) & ~_pinned.XmmMask;
        _freeGprs = _allocatableGprs;
        _freeXmms = _allocatableXmms;
    }

    private int Depth => _stack.Count;

    private AssemblerMemoryOperand HomeSlot(int depth) => __[rbp - (8 * (_declaredLocals + 1 + depth))];

    private void Push(StackEntry entry)
    {
        _stack.Add(entry);
        if (_stack.Count > _maxDepth)
            _maxDepth = _stack.Count;
    }

    private void PushGpr(ValueType type, Gpr r) => Push(StackEntry.InGpr(type, r));

    /// <summary>Pushes the result of a 32-bit operation (for an i32; a 64-bit one for an i64), which x86 zero-extends to 64 bits.</summary>
    private void PushNarrowResult(ValueType type, Gpr r) => Push(StackEntry.InGpr(type, r, zeroExtended: type == ValueType.I32));

    /// <summary>
    /// Whether an i32 entry, once in a register, is known to have a zero upper half, so that it
    /// can index memory as a 64-bit register: constants and slots are loaded by 32-bit moves, a
    /// pinned i32 local is only ever written by 32-bit operations, and a register result knows.
    /// </summary>
    private bool IsZeroExtended(StackEntry e) => e.Location switch
    {
        ValueLocation.Constant or ValueLocation.Stack => true,
        ValueLocation.Local => _localTypes[e.Bits] == ValueType.I32,
        _ => e.ZeroExtended,
    };

    private void PushXmm(ValueType type, int x) => Push(StackEntry.InXmm(type, x));

    private void PushConstant(ValueType type, long bits) => Push(StackEntry.Constant(type, bits));

    private StackEntry Peek(int fromTop = 0) => _stack[^(1 + fromTop)];

    /// <summary>Removes the top entry; a register it occupied stays allocated (held) until freed.</summary>
    private StackEntry Pop()
    {
        StackEntry e = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return e;
    }

    /// <summary>Pops and frees whatever register the value had.</summary>
    private void Drop() => Release(Pop());

    private void Release(StackEntry e)
    {
        if (e.Location == ValueLocation.Gpr)
            FreeGpr(e.Gpr);
        else if (e.Location == ValueLocation.Xmm)
            FreeXmm(e.Register);
    }

    private void FreeGpr(Gpr r) => _freeGprs |= (1u << (int)r) & _allocatableGprs;

    private void FreeXmm(int x) => _freeXmms |= (1u << x) & _allocatableXmms;

    private Gpr AllocateGpr()
    {
        if (_freeGprs == 0)
            SpillOldest(ValueLocation.Gpr);
        foreach (Gpr r in CallingConvention.AllocatableGprs)
        {
            if ((_freeGprs & (1u << (int)r)) != 0)
            {
                _freeGprs &= ~(1u << (int)r);
                return r;
            }
        }
        throw new InvalidOperationException("No general-purpose register left after spilling");
    }

    private int AllocateXmm()
    {
        if (_freeXmms == 0)
            SpillOldest(ValueLocation.Xmm);
        int x = System.Numerics.BitOperations.TrailingZeroCount(_freeXmms);
        _freeXmms &= ~(1u << x);
        return x;
    }

    /// <summary>Takes a specific register for a fixed-register instruction, spilling the stack entry that owns it.</summary>
    private void ClaimGpr(Gpr r)
    {
        if ((_freeGprs & (1u << (int)r)) == 0)
        {
            int owner = OldestIn(ValueLocation.Gpr, (int)r);
            if (owner < 0)
                throw new InvalidOperationException($"Register {r} is held by the instruction being compiled");
            Spill(owner);
        }
        _freeGprs &= ~(1u << (int)r);
    }

    private void ClaimXmm(int x)
    {
        if ((_freeXmms & (1u << x)) == 0)
        {
            int owner = OldestIn(ValueLocation.Xmm, x);
            if (owner < 0)
                throw new InvalidOperationException($"Register xmm{x} is held by the instruction being compiled");
            Spill(owner);
        }
        _freeXmms &= ~(1u << x);
    }

    private void SpillOldest(ValueLocation kind)
    {
        int oldest = OldestIn(kind);
        if (oldest < 0)
            throw new InvalidOperationException("Out of registers with nothing to spill");
        Spill(oldest);
    }

    /// <summary>
    /// Depth of the oldest entry in <paramref name="location"/> (held in <paramref name="register"/>
    /// when that is not −1), or −1. A loop rather than FindIndex with a lambda: the closure over the
    /// arguments would be allocated on every call of the register claims, which are frequent.
    /// </summary>
    private int OldestIn(ValueLocation location, int register = -1)
    {
        for (int depth = 0; depth < _stack.Count; depth++)
        {
            StackEntry e = _stack[depth];
            if (e.Location == location && (register < 0 || e.Register == register))
                return depth;
        }
        return -1;
    }

    /// <summary>Moves entry <paramref name="depth"/> into its home slot.</summary>
    private void Spill(int depth)
    {
        StackEntry e = _stack[depth];
        if (e.Location == ValueLocation.Stack)
            return;
        StoreEntry(HomeSlot(depth), e);
        Release(e);
        _stack[depth] = StackEntry.OnStack(e.Type);
    }

    /// <summary>Spills every register entry (and constants too when <paramref name="constants"/>), so the state can merge with other paths or survive a call.</summary>
    private void SpillAll(bool constants)
    {
        for (int d = 0; d < _stack.Count; d++)
        {
            if (_stack[d].Location != ValueLocation.Stack && (constants || _stack[d].Location != ValueLocation.Constant))
                Spill(d);
        }
    }

    /// <summary>Pops the top value into a general-purpose register it owns and may overwrite (held until pushed or freed).</summary>
    private Gpr PopGpr()
    {
        int depth = _stack.Count - 1;
        StackEntry e = Pop();
        if (e.Location == ValueLocation.Gpr)
            return e.Gpr;
        Gpr r = AllocateGpr();
        LoadGpr(r, e, depth);
        return r;
    }

    /// <summary>
    /// Pops the top value into a register the caller only reads: a pinned local's own register when
    /// the value is one, otherwise as <see cref="PopGpr"/>. Freeing it afterwards is always right.
    /// </summary>
    private Gpr PopReadOnlyGpr() => Peek().Location == ValueLocation.Local ? Pop().Gpr : PopGpr();

    private int PopXmm()
    {
        int depth = _stack.Count - 1;
        StackEntry e = Pop();
        if (e.Location == ValueLocation.Xmm)
            return e.Register;
        int x = AllocateXmm();
        LoadXmm(x, e, depth);
        return x;
    }

    /// <summary>The XMM counterpart of <see cref="PopReadOnlyGpr"/>.</summary>
    private int PopReadOnlyXmm() => Peek().Location == ValueLocation.Local ? Pop().Register : PopXmm();

    /// <summary>
    /// Loads a popped entry (at stack depth <paramref name="depth"/> before the pop) into
    /// <paramref name="r"/>; an i32 moved from another register or memory arrives zero-extended.
    /// </summary>
    private void LoadGpr(Gpr r, StackEntry e, int depth)
    {
        switch (e.Location)
        {
            case ValueLocation.Constant:
                MoveConstant(r, e.Type, e.Bits);
                break;
            case ValueLocation.Gpr or ValueLocation.Local when !StackEntry.IsFloat(e.Type):
                if (e.Gpr == r)
                    break;
                if (StackEntry.IsNarrow(e.Type))
                    _asm.mov(D(r), D(e.Gpr));
                else
                    _asm.mov(Q(r), Q(e.Gpr));
                break;
            case ValueLocation.Stack:
                LoadFromMemory(r, e.Type, HomeSlot(depth));
                break;
            default:
                throw new InvalidOperationException($"A {e.Type} value is not in a general-purpose register");
        }
    }

    private void LoadXmm(int x, StackEntry e, int depth)
    {
        switch (e.Location)
        {
            case ValueLocation.Constant when e.Bits == 0:
                _asm.xorps(X(x), X(x));
                break;
            case ValueLocation.Constant when e.Type == ValueType.F32:
                _asm.movss(X(x), __dword_ptr[_ctx.Constants.Get((uint)e.Bits)]);
                break;
            case ValueLocation.Constant:
                _asm.movsd(X(x), __qword_ptr[_ctx.Constants.Get((ulong)e.Bits)]);
                break;
            case ValueLocation.Xmm:
            case ValueLocation.Local when StackEntry.IsFloat(e.Type):
                if (e.Register != x)
                    _asm.movaps(X(x), X(e.Register));
                break;
            case ValueLocation.Stack:
                LoadFromMemory(x, e.Type, HomeSlot(depth));
                break;
            default:
                throw new InvalidOperationException($"A {e.Type} value is not in an XMM register");
        }
    }

    private void MoveConstant(Gpr r, ValueType type, long bits)
    {
        if (StackEntry.IsNarrow(type) || (ulong)bits <= uint.MaxValue)
        {
            if ((uint)bits == 0)
                _asm.xor(D(r), D(r));
            else
                _asm.mov(D(r), unchecked((int)(uint)bits));
        }
        else if (bits is >= int.MinValue and <= int.MaxValue)
        {
            _asm.mov(Q(r), (int)bits);
        }
        else
        {
            _asm.mov(Q(r), bits);
        }
    }

    private void LoadFromMemory(Gpr r, ValueType type, AssemblerMemoryOperand m)
    {
        if (StackEntry.IsNarrow(type))
            _asm.mov(D(r), __dword_ptr[m]);
        else
            _asm.mov(Q(r), __qword_ptr[m]);
    }

    private void LoadFromMemory(int x, ValueType type, AssemblerMemoryOperand m)
    {
        if (type == ValueType.F32)
            _asm.movss(X(x), __dword_ptr[m]);
        else
            _asm.movsd(X(x), __qword_ptr[m]);
    }

    /// <summary>Stores a value (from any location) into memory; a stack-resident source goes through R11.</summary>
    private void StoreEntry(AssemblerMemoryOperand m, StackEntry e, int sourceDepth = -1)
    {
        bool narrow = StackEntry.IsNarrow(e.Type);
        switch (e.Location)
        {
            case ValueLocation.Constant:
                if (narrow)
                    _asm.mov(__dword_ptr[m], unchecked((int)(uint)e.Bits));
                else if (e.Bits is >= int.MinValue and <= int.MaxValue)
                    _asm.mov(__qword_ptr[m], (int)e.Bits);
                else
                {
                    _asm.mov(r11, e.Bits);
                    _asm.mov(__qword_ptr[m], r11);
                }
                break;
            case ValueLocation.Local when StackEntry.IsFloat(e.Type):
            case ValueLocation.Xmm:
                if (narrow)
                    _asm.movss(__dword_ptr[m], X(e.Register));
                else
                    _asm.movsd(__qword_ptr[m], X(e.Register));
                break;
            case ValueLocation.Local:
            case ValueLocation.Gpr:
                if (narrow)
                    _asm.mov(__dword_ptr[m], D(e.Gpr));
                else
                    _asm.mov(__qword_ptr[m], Q(e.Gpr));
                break;
            case ValueLocation.Stack:
                if (sourceDepth < 0)
                    throw new InvalidOperationException("A stack-resident value needs its depth to be copied");
                if (narrow)
                {
                    _asm.mov(r11d, __dword_ptr[HomeSlot(sourceDepth)]);
                    _asm.mov(__dword_ptr[m], r11d);
                }
                else
                {
                    _asm.mov(r11, __qword_ptr[HomeSlot(sourceDepth)]);
                    _asm.mov(__qword_ptr[m], r11);
                }
                break;
        }
    }
}
