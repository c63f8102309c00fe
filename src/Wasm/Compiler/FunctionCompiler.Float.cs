using Hyperlight.Wasm.Model;
using Iced.Intel;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// f32/f64 arithmetic with IEEE semantics. SSE gives exact add/sub/mul/div/sqrt and rounding
/// (roundss/roundsd, SSE4.1); abs, neg and copysign are bit operations so they never touch NaN
/// payloads; min/max add the Wasm rules x86 lacks (NaN propagates, −0 &lt; +0).
/// </summary>
internal sealed partial class FunctionCompiler
{
    private void FloatOperator(ValueType type, int kind)
    {
        bool single = type == ValueType.F32;
        switch (kind)
        {
            case 0 or 1: SignBitOperation(type, negate: kind == 1); return;
            case >= 2 and <= 5:
            {
                // Wasm ceil/floor/trunc/nearest → SSE4.1 rounding modes 2/1/3/0, with the precision exception suppressed.
                byte mode = (byte)(8 | kind switch { 2 => 2, 3 => 1, 4 => 3, _ => 0 });
                int x = PopXmm();
                if (single)
                    _asm.roundss(X(x), X(x), mode);
                else
                    _asm.roundsd(X(x), X(x), mode);
                PushXmm(type, x);
                return;
            }
            case 6:
            {
                int x = PopXmm();
                if (single)
                    _asm.sqrtss(X(x), X(x));
                else
                    _asm.sqrtsd(X(x), X(x));
                PushXmm(type, x);
                return;
            }
            case 13: CopySign(type); return;
        }

        if (kind is >= 7 and <= 10 && Peek().Location == ValueLocation.Constant)
        {
            ConstantOperator(type, kind);
            return;
        }
        if (TryTargetPinnedLocal(out uint local, out bool tee))
        {
            int source = PopReadOnlyXmm();
            PopIntoPinned(local);
            EmitFloatBinary(kind, single, _pinned.RegisterOf(local), source);
            FinishPinnedUpdate(local, tee);
            return;
        }
        int b = PopReadOnlyXmm();
        int a = PopXmm();
        EmitFloatBinary(kind, single, a, b);
        PushXmm(type, a);
    }

    /// <summary>a = a op b for add, sub, mul, div, min, max (<paramref name="kind"/> as in <see cref="FloatOperator"/>); frees b.</summary>
    private void EmitFloatBinary(int kind, bool single, int a, int b)
    {
        var (xa, xb) = (X(a), X(b));
        switch (kind)
        {
            case 7: if (single) _asm.addss(xa, xb); else _asm.addsd(xa, xb); break;
            case 8: if (single) _asm.subss(xa, xb); else _asm.subsd(xa, xb); break;
            case 9: if (single) _asm.mulss(xa, xb); else _asm.mulsd(xa, xb); break;
            case 10: if (single) _asm.divss(xa, xb); else _asm.divsd(xa, xb); break;
            case 11 or 12: MinMax(single, xa, xb, max: kind == 12); break;
        }
        FreeXmm(b);
    }

    /// <summary>
    /// A float load right before an add, sub, mul or div of its type, whose right operand it is,
    /// becomes that operator's memory operand (<c>mulsd xmm, [address]</c>): one instruction fewer,
    /// and no register for the loaded value. The next instruction is consumed when it is.
    /// </summary>
    private bool TryFoldLoadIntoOperator(ValueType type, AssemblerMemoryOperand m)
    {
        bool single = type == ValueType.F32;
        int kind = _reader.PeekByte() - (single ? 0x8B : 0x99);
        if (kind is < 7 or > 10)
            return false;
        _reader.ReadByte();
        int a = PopXmm();
        EmitFloatBinary(kind, single, X(a), single ? __dword_ptr[m] : __qword_ptr[m]);
        PushXmm(type, a);
        return true;
    }

    /// <summary>
    /// add, sub, mul or div by a constant: the constant pool entry is the memory operand
    /// (<c>mulsd xmm, [rip+c]</c>), not first loaded into a register.
    /// </summary>
    private void ConstantOperator(ValueType type, int kind)
    {
        bool single = type == ValueType.F32;
        bool pinned = TryTargetPinnedLocal(out uint local, out bool tee);
        StackEntry constant = Pop();
        AssemblerMemoryOperand operand = single
            ? __dword_ptr[_ctx.Constants.Get((uint)constant.Bits)]
            : __qword_ptr[_ctx.Constants.Get((ulong)constant.Bits)];
        if (pinned)
        {
            PopIntoPinned(local);
            EmitFloatBinary(kind, single, X(_pinned.RegisterOf(local)), operand);
            FinishPinnedUpdate(local, tee);
            return;
        }
        int a = PopXmm();
        EmitFloatBinary(kind, single, X(a), operand);
        PushXmm(type, a);
    }

    /// <summary>x = x op [m] for add, sub, mul, div (<paramref name="kind"/> 7–10 as in <see cref="FloatOperator"/>).</summary>
    private void EmitFloatBinary(int kind, bool single, AssemblerRegisterXMM x, AssemblerMemoryOperand operand)
    {
        switch (kind)
        {
            case 7: if (single) _asm.addss(x, operand); else _asm.addsd(x, operand); break;
            case 8: if (single) _asm.subss(x, operand); else _asm.subsd(x, operand); break;
            case 9: if (single) _asm.mulss(x, operand); else _asm.mulsd(x, operand); break;
            default: if (single) _asm.divss(x, operand); else _asm.divsd(x, operand); break;
        }
    }

    /// <summary>
    /// Unordered → a + b (a NaN); equal → OR (min) or AND (max) of the bits, which picks −0 for min
    /// and +0 for max when the operands are zeros of different signs; otherwise minss/maxss.
    /// </summary>
    private void MinMax(bool single, AssemblerRegisterXMM a, AssemblerRegisterXMM b, bool max)
    {
        Label nan = _asm.CreateLabel();
        Label ordered = _asm.CreateLabel();
        Label done = _asm.CreateLabel();
        if (single)
            _asm.ucomiss(a, b);
        else
            _asm.ucomisd(a, b);
        _asm.jp(nan);
        _asm.jne(ordered);
        if (max)
            _asm.andps(a, b);
        else
            _asm.orps(a, b);
        _asm.jmp(done);
        _asm.Bind(ref nan);
        if (single)
            _asm.addss(a, b);
        else
            _asm.addsd(a, b);
        _asm.jmp(done);
        _asm.Bind(ref ordered);
        if (single)
        {
            if (max) _asm.maxss(a, b); else _asm.minss(a, b);
        }
        else
        {
            if (max) _asm.maxsd(a, b); else _asm.minsd(a, b);
        }
        _asm.Bind(ref done);
    }

    private void SignBitOperation(ValueType type, bool negate)
    {
        int x = PopXmm();
        if (type == ValueType.F32)
        {
            _asm.movd(r11d, X(x));
            if (negate)
                _asm.xor(r11d, unchecked((int)0x80000000));
            else
                _asm.and(r11d, 0x7FFFFFFF);
            _asm.movd(X(x), r11d);
        }
        else
        {
            _asm.movq(r11, X(x));
            if (negate)
                _asm.btc(r11, 63);
            else
                _asm.btr(r11, 63);
            _asm.movq(X(x), r11);
        }
        PushXmm(type, x);
    }

    private void CopySign(ValueType type)
    {
        int b = PopReadOnlyXmm();
        int a = PopXmm();
        if (type == ValueType.F32)
        {
            _asm.movd(r10d, X(a));
            _asm.movd(r11d, X(b));
            _asm.and(r10d, 0x7FFFFFFF);
            _asm.and(r11d, unchecked((int)0x80000000));
            _asm.or(r10d, r11d);
            _asm.movd(X(a), r10d);
        }
        else
        {
            _asm.movq(r10, X(a));
            _asm.movq(r11, X(b));
            _asm.btr(r10, 63);
            _asm.shr(r11, 63);
            _asm.shl(r11, 63);
            _asm.or(r10, r11);
            _asm.movq(X(a), r10);
        }
        FreeXmm(b);
        PushXmm(type, a);
    }

    /// <summary>eq/ne/lt/gt/le/ge; an unordered comparison (NaN) is false except for ne.</summary>
    private void FloatCompare(ValueType type, int kind)
    {
        bool single = type == ValueType.F32;
        int b = PopReadOnlyXmm();
        int a = PopReadOnlyXmm();
        // lt/le compare reversed so that "above" (which is false when unordered) works for all four.
        var (left, right) = kind is 2 or 4 ? (X(b), X(a)) : (X(a), X(b));
        if (single)
            _asm.ucomiss(left, right);
        else
            _asm.ucomisd(left, right);
        FreeXmm(a);
        FreeXmm(b);
        if (kind >= 2)
        {
            // One flag test each, so a br_if or if right after branches on it.
            SetFlagResult(kind is 2 or 3 ? Condition.Above : Condition.AboveOrEqual);
            return;
        }
        // eq/ne also need the parity flag (set when unordered): materialised.
        Gpr r = AllocateGpr();
        if (kind == 0)
        {
            _asm.sete(B(r));
            _asm.setnp(r11b);
            _asm.and(B(r), r11b);
        }
        else
        {
            _asm.setne(B(r));
            _asm.setp(r11b);
            _asm.or(B(r), r11b);
        }
        _asm.movzx(D(r), B(r));
        PushGpr(ValueType.I32, r);
    }
}
