using Hyperlight.Wasm.Model;
using Iced.Intel;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>Structured control flow, branches, returns and the function prologue.</summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>One shared single-element list per value-type code: the results of a block typed by a value type (most blocks with results), without a list per block.</summary>
    private static readonly ValueType[][] SingleTypes = [.. Enumerable.Range(0, 0x80).Select(code => new[] { (ValueType)code })];

    private (IReadOnlyList<ValueType> Parameters, IReadOnlyList<ValueType> Results) ReadBlockSignature()
    {
        long blockType = _reader.ReadBlockType();
        if (blockType == -64)
            return ([], []);
        if (blockType < 0)
            return ([], SingleTypes[(int)CheckSupported((ValueType)(blockType & 0x7F), _instructionOffset)]);
        FunctionType type = _ctx.Module.Types[(int)blockType];
        return (type.Parameters, type.Results);
    }

    /// <param name="flags">For an if fused with the compare before it: the condition already in the flags.</param>
    private void EnterBlock(ControlKind kind, Condition? flags = null)
    {
        var (parameters, results) = ReadBlockSignature();
        Gpr condition = kind == ControlKind.If && flags is null ? PopReadOnlyGpr() : default;
        // Only stores from here to the conditional jump: a fused compare's flags survive them.
        SpillAll(constants: true);
        var frame = new ControlFrame
        {
            Kind = kind,
            Base = Depth - parameters.Count,
            Parameters = parameters,
            Results = results,
            Target = _asm.CreateLabel(),
            Else = kind == ControlKind.If ? _asm.CreateLabel() : default,
            ReachableAtEntry = true,
        };
        if (kind == ControlKind.If && flags is Condition taken)
        {
            _asm.Jump(taken.Negate(), frame.Else);
        }
        else if (kind == ControlKind.If)
        {
            _asm.test(D(condition), D(condition));
            FreeGpr(condition);
            _asm.je(frame.Else);
        }
        else if (kind == ControlKind.Loop)
        {
            Label header = frame.Target;
            _asm.Bind(ref header);
            PollInterrupt();
        }
        _control.Push(frame);
    }

    private void Else()
    {
        ref ControlFrame frame = ref _control.Innermost;
        if (!_unreachable)
        {
            SpillAll(constants: true);
            _asm.jmp(frame.Target);
            frame.Targeted = true;
        }
        Label elseLabel = frame.Else;
        _asm.Bind(ref elseLabel);
        frame.HasElse = true;
        ResetStack(frame.Base, frame.Parameters);
        _unreachable = false;
    }

    private void End()
    {
        ControlFrame frame = _control.Pop();
        if (frame.Kind == ControlKind.Function)
        {
            if (!_unreachable)
                EmitReturn();
            return;
        }

        bool reachable = !_unreachable;
        if (reachable)
            SpillAll(constants: true);
        if (frame.Kind == ControlKind.If && !frame.HasElse)
        {
            // The false path of an if without else passes its parameters through as results.
            Label elseLabel = frame.Else;
            _asm.Bind(ref elseLabel);
            reachable = true;
        }
        if (frame.Kind != ControlKind.Loop)
        {
            Label end = frame.Target;
            _asm.Bind(ref end);
            reachable |= frame.Targeted;
        }
        ResetStack(frame.Base, frame.Results);
        _unreachable = !reachable;
    }

    /// <summary>Drops everything above <paramref name="depth"/> and pushes <paramref name="types"/> as values in their home slots.</summary>
    private void ResetStack(int depth, IReadOnlyList<ValueType> types)
    {
        while (Depth > depth)
            Drop();
        for (int i = 0; i < types.Count; i++)
            Push(StackEntry.OnStack(types[i]));
    }

    private void Branch(uint relativeDepth)
    {
        EmitBranch(ref _control.At(relativeDepth));
        _unreachable = true;
    }

    /// <summary>Moves the branch values into the target's home slots and jumps. Changes no compile-time state.</summary>
    private void EmitBranch(ref ControlFrame target)
    {
        if (target.Kind == ControlKind.Function)
        {
            EmitReturn();
            return;
        }
        CopyBranchValues(target);
        _asm.jmp(target.Target);
        if (target.Kind != ControlKind.Loop)
            target.Targeted = true;
    }

    /// <summary>
    /// Stores the top values into home slots Base.. of the target. Copying in ascending order is safe:
    /// a destination slot is never above its source, so no unread source is overwritten.
    /// </summary>
    private void CopyBranchValues(in ControlFrame target)
    {
        int count = target.BranchTypes.Count;
        int source = Depth - count;
        for (int k = 0; k < count; k++)
        {
            StackEntry e = _stack[source + k];
            if (e.Location == ValueLocation.Stack && source == target.Base)
                continue;
            StoreEntry(HomeSlot(target.Base + k), e, source + k);
        }
    }

    private bool BranchNeedsCopies(in ControlFrame target)
    {
        int count = target.BranchTypes.Count;
        int source = Depth - count;
        if (source != target.Base)
            return count > 0;
        for (int k = 0; k < count; k++)
        {
            if (_stack[source + k].Location != ValueLocation.Stack)
                return true;
        }
        return false;
    }

    private void BranchIf(uint relativeDepth)
    {
        Gpr condition = PopReadOnlyGpr();
        _asm.test(D(condition), D(condition));
        FreeGpr(condition);
        BranchOnFlags(Condition.NotEqual, relativeDepth);
    }

    /// <summary>br_if on a condition already in the flags; the branch moves emit no flag-changing code before the test.</summary>
    private void BranchOnFlags(Condition taken, uint relativeDepth)
    {
        ref ControlFrame target = ref _control.At(relativeDepth);
        if (target.Kind != ControlKind.Function && !BranchNeedsCopies(target))
        {
            _asm.Jump(taken, target.Target);
            if (target.Kind != ControlKind.Loop)
                target.Targeted = true;
            return;
        }
        Label skip = _asm.CreateLabel();
        _asm.Jump(taken.Negate(), skip);
        EmitBranch(ref target);
        _asm.Bind(ref skip);
    }

    /// <summary>
    /// Compare-and-branch fusion: when the instruction after a compare is br_if or if, branch on the
    /// flags directly instead of materialising 0/1 and testing it again.
    /// </summary>
    private bool TryBranchOnComparison(Condition condition)
    {
        switch (_reader.PeekByte())
        {
            case 0x0D:
                _reader.ReadByte();
                BranchOnFlags(condition, _reader.ReadU32());
                return true;
            case 0x04:
                _reader.ReadByte();
                EnterBlock(ControlKind.If, condition);
                return true;
            default:
                return false;
        }
    }

    private void BranchTable()
    {
        uint count = _reader.ReadU32();
        var depths = new uint[count];
        for (int i = 0; i < count; i++)
            depths[i] = _reader.ReadU32();
        uint defaultDepth = _reader.ReadU32();

        Gpr index = PopGpr();
        var stubs = new Dictionary<uint, Label>();
        Label StubFor(uint depth)
        {
            if (!stubs.TryGetValue(depth, out Label stub))
                stubs.Add(depth, stub = _asm.CreateLabel());
            return stub;
        }

        _asm.mov(D(index), D(index));
        _asm.cmp(D(index), unchecked((int)count));
        _asm.jae(StubFor(defaultDepth));
        var entries = new Label[count];
        if (count > 0)
            _ctx.JumpTables.EmitJump(index, entries);
        FreeGpr(index);
        foreach (uint depth in depths)
            StubFor(depth);

        // Bind each stub, then fill the table with the bound labels (patching needs their positions).
        var bound = new Dictionary<uint, Label>();
        foreach (var (depth, stub) in stubs)
        {
            Label here = stub;
            _asm.Bind(ref here);
            bound.Add(depth, here);
            EmitBranch(ref _control.At(depth));
        }
        for (int i = 0; i < count; i++)
            entries[i] = bound[depths[i]];
        _unreachable = true;
    }

    private void Return()
    {
        EmitReturn();
        _unreachable = true;
    }

    /// <summary>Result 0 goes to RAX/XMM0, result k ≥ 1 to incoming slot k; then the frame is torn down.</summary>
    private void EmitReturn()
    {
        int count = _type.Results.Count;
        int source = Depth - count;
        for (int k = count - 1; k >= 1; k--)
            StoreEntry(__[rbp + CallingConvention.IncomingSlot(k)], _stack[source + k], source + k);
        if (count >= 1)
        {
            StackEntry first = _stack[source];
            if (StackEntry.IsFloat(first.Type))
                LoadXmm(0, first, source);
            else
                LoadGpr(Gpr.Rax, first, source);
        }
        _asm.leave();
        _asm.ret();
    }

    private void EmitUnconditionalTrap(TrapKind kind)
    {
        _asm.jmp(TrapSite(kind));
        _unreachable = true;
    }

    private void PollInterrupt()
    {
        _asm.cmp(__dword_ptr[Q(CallingConvention.Control) + ControlPage.InterruptFlag], 0);
        _asm.jne(TrapSite(TrapKind.Interrupted));
    }

    /// <summary>
    /// Emitted after the body, when the frame size is known: the entry label, frame setup with the
    /// stack-limit check, zeroed locals, an interrupt poll, then a jump to the body.
    /// </summary>
    private void EmitPrologue()
    {
        int frameSize = 8 * (_declaredLocals + _maxDepth + _outgoingSlots);
        frameSize = (frameSize + 15) & ~15;
        _instructionOffset = _ctx.Module.Bodies[(int)_functionIndex - _ctx.ImportedFunctionCount].CodeOffset;

        _asm.Bind(ref _ctx.Entries[_functionIndex]);
        _asm.push(rbp);
        _asm.mov(rbp, rsp);
        _asm.lea(r11, __[rsp - (frameSize + CallingConvention.StackReserve)]);
        _asm.cmp(r11, __qword_ptr[Q(CallingConvention.Control) + ControlPage.StackLimit]);
        _asm.jb(TrapSite(TrapKind.CallStackExhausted));
        if (frameSize > 0)
            _asm.sub(rsp, frameSize);
        ZeroLocalSlots();
        PollInterrupt();
        _asm.jmp(_body);
        _ctx.Traps.Flush();
    }

    /// <summary>
    /// Declared locals start at zero in their slots, except pinned ones the body writes: those start
    /// in their registers, and their slots are read only after a save before a call has written them.
    /// </summary>
    private void ZeroLocalSlots()
    {
        int zeroed = 0;
        for (int j = 0; j < _declaredLocals; j++)
            zeroed += NeedsZeroSlot(j) ? 1 : 0;
        if (zeroed == 0)
            return;
        _asm.xor(eax, eax);
        if (zeroed <= 8)
        {
            for (int j = 0; j < _declaredLocals; j++)
            {
                if (NeedsZeroSlot(j))
                    _asm.mov(__qword_ptr[rbp - (8 * (j + 1))], rax);
            }
        }
        else
        {
            _asm.lea(rdi, __[rbp - (8 * _declaredLocals)]);
            _asm.mov(ecx, _declaredLocals);
            _asm.rep.stosq();
        }
    }

    /// <param name="declared">Index among the declared locals (after the parameters).</param>
    private bool NeedsZeroSlot(int declared)
    {
        uint local = (uint)(_parameterCount + declared);
        return !(_pinned.TryGetRegister(local, out _) && _pinned.IsWritten(local));
    }
}
