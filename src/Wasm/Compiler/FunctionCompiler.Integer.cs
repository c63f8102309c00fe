using Hyperlight.Wasm.Model;
using Iced.Intel;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// i32/i64 arithmetic, bit counting, shifts, comparisons. i32 values live in the low half of a
/// 64-bit register; the upper half is unspecified, so 64-bit uses zero- or sign-extend explicitly
/// (a result pushed with <see cref="PushNarrowResult"/> is known to be zero-extended).
/// </summary>
internal sealed partial class FunctionCompiler
{
    private static readonly Condition[] IntegerConditions =
    [
        Condition.Equal, Condition.NotEqual, Condition.Less, Condition.Below, Condition.Greater,
        Condition.Above, Condition.LessOrEqual, Condition.BelowOrEqual, Condition.GreaterOrEqual, Condition.AboveOrEqual,
    ];

    /// <summary>The top value as an immediate when it is a constant that x86 can encode (sign-extended imm32).</summary>
    private bool TryPopImmediate(out int immediate)
    {
        StackEntry top = Peek();
        bool fits = top.Location == ValueLocation.Constant
            && (top.Type == ValueType.I32 || top.Bits is >= int.MinValue and <= int.MaxValue);
        immediate = fits ? unchecked((int)top.Bits) : 0;
        if (fits)
            Pop();
        return fits;
    }

    private void EqualZero(ValueType type)
    {
        Gpr a = PopReadOnlyGpr();
        if (type == ValueType.I64)
            _asm.test(Q(a), Q(a));
        else
            _asm.test(D(a), D(a));
        FreeGpr(a);
        SetFlagResult(Condition.Equal);
    }

    private void IntegerCompare(ValueType type, int kind)
    {
        bool wide = type == ValueType.I64;
        if (TryPopImmediate(out int immediate))
        {
            Gpr a = PopReadOnlyGpr();
            if (wide)
                _asm.cmp(Q(a), immediate);
            else
                _asm.cmp(D(a), immediate);
            FreeGpr(a);
        }
        else
        {
            Gpr b = PopReadOnlyGpr();
            Gpr a = PopReadOnlyGpr();
            if (wide)
                _asm.cmp(Q(a), Q(b));
            else
                _asm.cmp(D(a), D(b));
            FreeGpr(b);
            FreeGpr(a);
        }
        SetFlagResult(IntegerConditions[kind]);
    }

    /// <summary>
    /// Materialises a condition as i32 0/1 in a fresh register and pushes it — unless a br_if or if
    /// follows, which then branches on the flags. The operands are freed already: the result may
    /// reuse one (allocation spills with stores only, which keep the flags).
    /// </summary>
    private void SetFlagResult(Condition condition)
    {
        if (TryBranchOnComparison(condition))
            return;
        Gpr r = AllocateGpr();
        _asm.Set(condition, B(r));
        _asm.movzx(D(r), B(r));
        PushGpr(ValueType.I32, r);
    }

    private void IntegerOperator(ValueType type, int kind)
    {
        switch (kind)
        {
            case 0: CountLeadingZeros(type); break;
            case 1: CountTrailingZeros(type); break;
            case 2: PopulationCount(type); break;
            case >= 3 and <= 5 or >= 10 and <= 12: SimpleBinary(type, kind); break;
            case 7 or 9 when type == ValueType.I32 && IsNonzeroConstant(Peek()): DivideUnsignedByConstant(remainder: kind == 9); break;
            case >= 6 and <= 9: Divide(type, signed: kind is 6 or 8, remainder: kind >= 8); break;
            default: Shift(type, kind); break;
        }
    }

    /// <summary>add, sub, mul, and, or, xor: two-address forms with an immediate when possible.</summary>
    private void SimpleBinary(ValueType type, int kind)
    {
        bool wide = type == ValueType.I64;
        if (TryTargetPinnedLocal(out uint local, out bool tee))
        {
            var source = PopSource();
            PopIntoPinned(local);
            EmitSimpleBinary(kind, wide, (Gpr)_pinned.RegisterOf(local), source);
            FinishPinnedUpdate(local, tee);
            return;
        }
        if (kind == 10 && !wide && TryMaskPinnedLocal())
            return;
        // A commutative operator computes into the right operand when the left one needs no register
        // of its own (a pinned local read in place, or a constant): that saves a copy into one.
        if (kind is 3 or 5 or 10 or 11 or 12
            && Peek(1).Location is ValueLocation.Local or ValueLocation.Constant
            && Peek().Location is ValueLocation.Gpr or ValueLocation.Stack)
        {
            Gpr right = PopGpr();
            EmitSimpleBinary(kind, wide, right, PopSource());
            PushNarrowResult(type, right);
            return;
        }
        var operand = PopSource();
        Gpr r = PopGpr();
        EmitSimpleBinary(kind, wide, r, operand);
        PushNarrowResult(type, r);
    }

    /// <summary>
    /// i32.and of a pinned local read in place with 0xFF or 0xFFFF: one zero-extending move from the
    /// local's register into a fresh one, instead of a copy and an and.
    /// </summary>
    private bool TryMaskPinnedLocal()
    {
        if (Peek(1).Location != ValueLocation.Local || Peek() is not { Location: ValueLocation.Constant, Bits: 0xFF or 0xFFFF } mask)
            return false;
        Pop();
        Gpr local = Pop().Gpr;
        Gpr r = AllocateGpr();
        if (mask.Bits == 0xFF)
            _asm.movzx(D(r), B(local));
        else
            _asm.movzx(D(r), W(local));
        PushNarrowResult(ValueType.I32, r);
        return true;
    }

    /// <summary>The right operand of a two-address instruction: a constant x86 can encode, or a register that is only read.</summary>
    private (Gpr Register, int? Immediate) PopSource() =>
        TryPopImmediate(out int immediate) ? (default, immediate) : (PopReadOnlyGpr(), null);

    /// <summary>target = target op source, for add, sub, mul, and, or, xor (<paramref name="kind"/> as in <see cref="IntegerOperator"/>); frees the source register.</summary>
    private void EmitSimpleBinary(int kind, bool wide, Gpr target, (Gpr Register, int? Immediate) source)
    {
        if (source.Immediate is int immediate)
        {
            if (wide)
            {
                var q = Q(target);
                switch (kind)
                {
                    case 3: _asm.add(q, immediate); break;
                    case 4: _asm.sub(q, immediate); break;
                    case 5: _asm.imul(q, q, immediate); break;
                    case 10: _asm.and(q, immediate); break;
                    case 11: _asm.or(q, immediate); break;
                    case 12: _asm.xor(q, immediate); break;
                }
            }
            else
            {
                var d = D(target);
                switch (kind)
                {
                    case 3: _asm.add(d, immediate); break;
                    case 4: _asm.sub(d, immediate); break;
                    case 5: _asm.imul(d, d, immediate); break;
                    case 10: _asm.and(d, immediate); break;
                    case 11: _asm.or(d, immediate); break;
                    case 12: _asm.xor(d, immediate); break;
                }
            }
            return;
        }

        if (wide)
        {
            var (x, y) = (Q(target), Q(source.Register));
            switch (kind)
            {
                case 3: _asm.add(x, y); break;
                case 4: _asm.sub(x, y); break;
                case 5: _asm.imul(x, y); break;
                case 10: _asm.and(x, y); break;
                case 11: _asm.or(x, y); break;
                case 12: _asm.xor(x, y); break;
            }
        }
        else
        {
            var (x, y) = (D(target), D(source.Register));
            switch (kind)
            {
                case 3: _asm.add(x, y); break;
                case 4: _asm.sub(x, y); break;
                case 5: _asm.imul(x, y); break;
                case 10: _asm.and(x, y); break;
                case 11: _asm.or(x, y); break;
                case 12: _asm.xor(x, y); break;
            }
        }
        FreeGpr(source.Register);
    }

    /// <summary>
    /// div/rem with the spec's traps: divisor 0 traps; signed MIN / -1 overflows (a trap for div, 0
    /// for rem, where idiv would fault). The dividend goes through RAX/RDX, claimed first.
    /// </summary>
    private void Divide(ValueType type, bool signed, bool remainder)
    {
        bool wide = type == ValueType.I64;
        ClaimGpr(Gpr.Rax);
        ClaimGpr(Gpr.Rdx);
        Gpr b = PopReadOnlyGpr();
        Gpr a = PopReadOnlyGpr();
        Label done = _asm.CreateLabel();
        Label normal = _asm.CreateLabel();
        if (wide)
            _asm.test(Q(b), Q(b));
        else
            _asm.test(D(b), D(b));
        _asm.je(TrapSite(TrapKind.IntegerDivideByZero));
        if (signed)
        {
            if (wide)
                _asm.cmp(Q(b), -1);
            else
                _asm.cmp(D(b), -1);
            _asm.jne(normal);
            if (remainder)
            {
                _asm.xor(edx, edx);
                _asm.jmp(done);
            }
            else
            {
                if (wide)
                {
                    _asm.mov(r11, long.MinValue);
                    _asm.cmp(Q(a), r11);
                }
                else
                {
                    _asm.cmp(D(a), int.MinValue);
                }
                _asm.je(TrapSite(TrapKind.IntegerOverflow));
            }
        }
        _asm.Bind(ref normal);
        if (wide)
        {
            _asm.mov(rax, Q(a));
            if (signed) { _asm.cqo(); _asm.idiv(Q(b)); }
            else { _asm.xor(edx, edx); _asm.div(Q(b)); }
        }
        else
        {
            _asm.mov(eax, D(a));
            if (signed) { _asm.cdq(); _asm.idiv(D(b)); }
            else { _asm.xor(edx, edx); _asm.div(D(b)); }
        }
        _asm.Bind(ref done);
        FreeGpr(a);
        FreeGpr(b);
        Gpr result = remainder ? Gpr.Rdx : Gpr.Rax;
        FreeGpr(remainder ? Gpr.Rax : Gpr.Rdx);
        PushGpr(type, result);
    }

    /// <summary>shl, shr_s, shr_u, rotl, rotr: x86 masks the count to 5/6 bits exactly as Wasm does.</summary>
    private void Shift(ValueType type, int kind)
    {
        bool wide = type == ValueType.I64;
        if (TryPopImmediate(out int immediate))
        {
            byte count = (byte)(immediate & (wide ? 63 : 31));
            Gpr a = PopGpr();
            _asm.AddInstruction(Instruction.Create(ShiftCode(kind, wide, byCl: false), Operand(a, wide), count));
            PushNarrowResult(type, a);
            return;
        }

        ClaimGpr(Gpr.Rcx);
        Gpr b = PopReadOnlyGpr();
        Gpr r = PopGpr();
        _asm.mov(ecx, D(b));
        FreeGpr(b);
        _asm.AddInstruction(Instruction.Create(ShiftCode(kind, wide, byCl: true), Operand(r, wide), Register.CL));
        FreeGpr(Gpr.Rcx);
        PushNarrowResult(type, r);
    }

    /// <summary>The encoding of shift/rotate <paramref name="kind"/> (the Wasm opcode's offset from i32.shl: 13–17) for a width and count source.</summary>
    private static Code ShiftCode(int kind, bool wide, bool byCl) => (kind, wide, byCl) switch
    {
        (13, true, false) => Code.Shl_rm64_imm8,
        (14, true, false) => Code.Sar_rm64_imm8,
        (15, true, false) => Code.Shr_rm64_imm8,
        (16, true, false) => Code.Rol_rm64_imm8,
        (17, true, false) => Code.Ror_rm64_imm8,
        (13, false, false) => Code.Shl_rm32_imm8,
        (14, false, false) => Code.Sar_rm32_imm8,
        (15, false, false) => Code.Shr_rm32_imm8,
        (16, false, false) => Code.Rol_rm32_imm8,
        (17, false, false) => Code.Ror_rm32_imm8,
        (13, true, true) => Code.Shl_rm64_CL,
        (14, true, true) => Code.Sar_rm64_CL,
        (15, true, true) => Code.Shr_rm64_CL,
        (16, true, true) => Code.Rol_rm64_CL,
        (17, true, true) => Code.Ror_rm64_CL,
        (13, false, true) => Code.Shl_rm32_CL,
        (14, false, true) => Code.Sar_rm32_CL,
        (15, false, true) => Code.Shr_rm32_CL,
        (16, false, true) => Code.Rol_rm32_CL,
        (17, false, true) => Code.Ror_rm32_CL,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a shift or rotate"),
    };

    private static Register Operand(Gpr gpr, bool wide) => wide ? Q(gpr).Value : D(gpr).Value;

    /// <summary>clz via bsr (no LZCNT dependency): bsr leaves ZF set for 0, which selects width·2−1 so the final xor yields the width.</summary>
    private void CountLeadingZeros(ValueType type)
    {
        Gpr a = PopGpr();
        if (type == ValueType.I64)
        {
            _asm.mov(r11d, 127);
            _asm.bsr(Q(a), Q(a));
            _asm.cmove(Q(a), r11);
            _asm.xor(Q(a), 63);
        }
        else
        {
            _asm.mov(r11d, 63);
            _asm.bsr(D(a), D(a));
            _asm.cmove(D(a), r11d);
            _asm.xor(D(a), 31);
        }
        PushGpr(type, a);
    }

    private void CountTrailingZeros(ValueType type)
    {
        Gpr a = PopGpr();
        if (type == ValueType.I64)
        {
            _asm.mov(r11d, 64);
            _asm.bsf(Q(a), Q(a));
            _asm.cmove(Q(a), r11);
        }
        else
        {
            _asm.mov(r11d, 32);
            _asm.bsf(D(a), D(a));
            _asm.cmove(D(a), r11d);
        }
        PushGpr(type, a);
    }

    /// <summary>popcnt by the classic SWAR reduction, so no POPCNT (CPUID) dependency.</summary>
    private void PopulationCount(ValueType type)
    {
        Gpr a = PopGpr();
        if (type == ValueType.I64)
        {
            var x = Q(a);
            _asm.mov(r10, x);
            _asm.shr(r10, 1);
            _asm.mov(r11, 0x5555555555555555);
            _asm.and(r10, r11);
            _asm.sub(x, r10);
            _asm.mov(r11, 0x3333333333333333);
            _asm.mov(r10, x);
            _asm.and(r10, r11);
            _asm.shr(x, 2);
            _asm.and(x, r11);
            _asm.add(x, r10);
            _asm.mov(r10, x);
            _asm.shr(r10, 4);
            _asm.add(x, r10);
            _asm.mov(r11, 0x0F0F0F0F0F0F0F0F);
            _asm.and(x, r11);
            _asm.mov(r11, 0x0101010101010101);
            _asm.imul(x, r11);
            _asm.shr(x, 56);
        }
        else
        {
            var x = D(a);
            _asm.mov(r10d, x);
            _asm.shr(r10d, 1);
            _asm.and(r10d, 0x55555555);
            _asm.sub(x, r10d);
            _asm.mov(r10d, x);
            _asm.and(r10d, 0x33333333);
            _asm.shr(x, 2);
            _asm.and(x, 0x33333333);
            _asm.add(x, r10d);
            _asm.mov(r10d, x);
            _asm.shr(r10d, 4);
            _asm.add(x, r10d);
            _asm.and(x, 0x0F0F0F0F);
            _asm.imul(x, x, 0x01010101);
            _asm.shr(x, 24);
        }
        PushGpr(type, a);
    }
}
