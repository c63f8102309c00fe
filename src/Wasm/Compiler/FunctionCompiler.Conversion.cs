using Hyperlight.Wasm.Model;
using Iced.Intel;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>Conversions between number types: wrap/extend, float↔int (trapping and saturating), promote/demote, reinterpret.</summary>
internal sealed partial class FunctionCompiler
{
    private void Conversion(byte opcode)
    {
        switch (opcode)
        {
            case 0xA7: Retype(ValueType.I32); break;
            case 0xA8: Truncate(ValueType.F32, ValueType.I32, signed: true, saturating: false); break;
            case 0xA9: Truncate(ValueType.F32, ValueType.I32, signed: false, saturating: false); break;
            case 0xAA: Truncate(ValueType.F64, ValueType.I32, signed: true, saturating: false); break;
            case 0xAB: Truncate(ValueType.F64, ValueType.I32, signed: false, saturating: false); break;
            case 0xAC: ExtendInteger(static (asm, e) => asm.movsxd(Q(e), D(e)), ValueType.I64); break;
            case 0xAD: ExtendUnsigned(); break;
            case 0xAE: Truncate(ValueType.F32, ValueType.I64, signed: true, saturating: false); break;
            case 0xAF: Truncate(ValueType.F32, ValueType.I64, signed: false, saturating: false); break;
            case 0xB0: Truncate(ValueType.F64, ValueType.I64, signed: true, saturating: false); break;
            case 0xB1: Truncate(ValueType.F64, ValueType.I64, signed: false, saturating: false); break;
            case >= 0xB2 and <= 0xB5: ConvertInteger(ValueType.F32, opcode - 0xB2); break;
            case 0xB6: FloatResize(ValueType.F32); break;
            case >= 0xB7 and <= 0xBA: ConvertInteger(ValueType.F64, opcode - 0xB7); break;
            case 0xBB: FloatResize(ValueType.F64); break;
            case 0xBC or 0xBD: ReinterpretFloatAsInteger(opcode == 0xBC ? ValueType.I32 : ValueType.I64); break;
            case 0xBE or 0xBF: ReinterpretIntegerAsFloat(opcode == 0xBE ? ValueType.F32 : ValueType.F64); break;
            case 0xC0: ExtendInteger(static (asm, e) => asm.movsx(D(e), B(e)), ValueType.I32); break;
            case 0xC1: ExtendInteger(static (asm, e) => asm.movsx(D(e), W(e)), ValueType.I32); break;
            case 0xC2: ExtendInteger(static (asm, e) => asm.movsx(Q(e), B(e)), ValueType.I64); break;
            case 0xC3: ExtendInteger(static (asm, e) => asm.movsx(Q(e), W(e)), ValueType.I64); break;
            case 0xC4: ExtendInteger(static (asm, e) => asm.movsxd(Q(e), D(e)), ValueType.I64); break;
        }
    }

    private void SaturatingTruncation(uint opcode)
    {
        ValueType source = (opcode & 2) == 0 ? ValueType.F32 : ValueType.F64;
        ValueType target = opcode < 4 ? ValueType.I32 : ValueType.I64;
        if ((opcode & 1) == 0)
            TruncateSaturatingSigned(source, target);
        else
            Truncate(source, target, signed: false, saturating: true);
    }

    /// <summary>
    /// Signed saturating truncation: cvtt* is exact in range and gives the "integer indefinite"
    /// value MIN for NaN and out of range, so only a MIN result needs a second look: NaN gives 0,
    /// a positive operand MAX, a negative one MIN (which a true MIN also is).
    /// </summary>
    private void TruncateSaturatingSigned(ValueType source, ValueType target)
    {
        bool single = source == ValueType.F32;
        bool wide = target == ValueType.I64;
        int x = PopReadOnlyXmm();
        Gpr r = AllocateGpr();
        var xs = X(x);
        Label nan = _asm.CreateLabel();
        Label done = _asm.CreateLabel();

        if (wide)
            ConvertTruncating(single, Q(r), xs);
        else if (single)
            _asm.cvttss2si(D(r), xs);
        else
            _asm.cvttsd2si(D(r), xs);
        // r - 1 overflows exactly when r is MIN.
        if (wide)
            _asm.cmp(Q(r), 1);
        else
            _asm.cmp(D(r), 1);
        _asm.jno(done);
        CompareWithItself(single, xs);
        _asm.jp(nan);
        CompareWithConstant(single, xs, 0.0);
        _asm.jb(done);
        MoveConstant(r, target, wide ? long.MaxValue : int.MaxValue);
        _asm.jmp(done);
        _asm.Bind(ref nan);
        _asm.xor(D(r), D(r));
        _asm.Bind(ref done);
        FreeXmm(x);
        PushNarrowResult(target, r);
    }

    /// <summary>
    /// i32.wrap_i64 only changes the type: i32 consumers read the low half. (An i64 entry is never
    /// marked zero-extended, nor a read of a pinned i64 local, so the result is not taken for one.)
    /// </summary>
    private void Retype(ValueType type)
    {
        StackEntry e = Pop();
        e.Type = type;
        if (e.Location == ValueLocation.Constant && type == ValueType.I32)
            e.Bits = (int)e.Bits;
        Push(e);
    }

    /// <param name="extend">Static, so that each use does not allocate a delegate.</param>
    private void ExtendInteger(Action<Assembler, Gpr> extend, ValueType result)
    {
        Gpr r = PopGpr();
        extend(_asm, r);
        PushGpr(result, r);
    }

    /// <summary>i64.extend_i32_u: a 32-bit move clears the upper half, unless it is known to be clear already (a 32-bit load or operation, a slot or constant loaded by a 32-bit move).</summary>
    private void ExtendUnsigned()
    {
        bool zeroExtended = IsZeroExtended(Peek());
        Gpr r = PopGpr();
        if (!zeroExtended)
            _asm.mov(D(r), D(r));
        PushGpr(ValueType.I64, r);
    }

    private void FloatResize(ValueType target)
    {
        int x = PopXmm();
        if (target == ValueType.F32)
            _asm.cvtsd2ss(X(x), X(x));
        else
            _asm.cvtss2sd(X(x), X(x));
        PushXmm(target, x);
    }

    private void ReinterpretFloatAsInteger(ValueType target)
    {
        int x = PopReadOnlyXmm();
        Gpr r = AllocateGpr();
        if (target == ValueType.I32)
            _asm.movd(D(r), X(x));
        else
            _asm.movq(Q(r), X(x));
        FreeXmm(x);
        PushGpr(target, r);
    }

    private void ReinterpretIntegerAsFloat(ValueType target)
    {
        Gpr r = PopReadOnlyGpr();
        int x = AllocateXmm();
        if (target == ValueType.F32)
            _asm.movd(X(x), D(r));
        else
            _asm.movq(X(x), Q(r));
        FreeGpr(r);
        PushXmm(target, x);
    }

    /// <summary>convert_i32_s/u, convert_i64_s/u (kind 0..3) to <paramref name="target"/>.</summary>
    private void ConvertInteger(ValueType target, int kind)
    {
        bool single = target == ValueType.F32;
        Gpr r = PopReadOnlyGpr();
        int x = AllocateXmm();
        var xr = X(x);
        _asm.xorps(xr, xr);
        switch (kind)
        {
            case 0:
                if (single) _asm.cvtsi2ss(xr, D(r)); else _asm.cvtsi2sd(xr, D(r));
                break;
            case 1:
                _asm.mov(r11d, D(r));
                if (single) _asm.cvtsi2ss(xr, r11); else _asm.cvtsi2sd(xr, r11);
                break;
            case 2:
                if (single) _asm.cvtsi2ss(xr, Q(r)); else _asm.cvtsi2sd(xr, Q(r));
                break;
            default:
            {
                // Values with the top bit set: halve (keeping the lost bit sticky for rounding), convert, double.
                Label large = _asm.CreateLabel();
                Label done = _asm.CreateLabel();
                _asm.test(Q(r), Q(r));
                _asm.js(large);
                if (single) _asm.cvtsi2ss(xr, Q(r)); else _asm.cvtsi2sd(xr, Q(r));
                _asm.jmp(done);
                _asm.Bind(ref large);
                _asm.mov(r11, Q(r));
                _asm.shr(r11, 1);
                _asm.mov(r10, Q(r));
                _asm.and(r10d, 1);
                _asm.or(r11, r10);
                if (single)
                {
                    _asm.cvtsi2ss(xr, r11);
                    _asm.addss(xr, xr);
                }
                else
                {
                    _asm.cvtsi2sd(xr, r11);
                    _asm.addsd(xr, xr);
                }
                _asm.Bind(ref done);
                break;
            }
        }
        FreeGpr(r);
        PushXmm(target, x);
    }

    /// <summary>
    /// Float → integer truncation. The operand is range-checked first (NaN, below the lower bound,
    /// at or above the upper bound); trapping forms trap (invalid conversion for NaN, overflow
    /// otherwise), saturating forms produce 0, MIN or MAX. In range, cvtt* is exact.
    /// </summary>
    private void Truncate(ValueType source, ValueType target, bool signed, bool saturating)
    {
        bool single = source == ValueType.F32;
        bool wide = target == ValueType.I64;
        int x = PopXmm();
        Gpr r = AllocateGpr();
        var xs = X(x);

        var (lower, lowerInclusive, upper) = (wide, signed) switch
        {
            (false, true) => single ? (-2147483648.0, true, 2147483648.0) : (-2147483649.0, false, 2147483648.0),
            (false, false) => (-1.0, false, 4294967296.0),
            (true, true) => (-9223372036854775808.0, true, 9223372036854775808.0),
            (true, false) => (-1.0, false, 18446744073709551616.0),
        };

        Label nan = saturating ? _asm.CreateLabel() : TrapSite(TrapKind.InvalidConversionToInteger);
        Label low = saturating ? _asm.CreateLabel() : TrapSite(TrapKind.IntegerOverflow);
        Label high = saturating ? _asm.CreateLabel() : low;
        Label done = _asm.CreateLabel();

        CompareWithItself(single, xs);
        _asm.jp(nan);
        CompareWithConstant(single, xs, lower);
        if (lowerInclusive)
            _asm.jb(low);
        else
            _asm.jbe(low);
        CompareWithConstant(single, xs, upper);
        _asm.jae(high);

        if (wide && !signed)
        {
            // At or above 2^63: subtract 2^63, convert, set the top bit again.
            Label large = _asm.CreateLabel();
            CompareWithConstant(single, xs, 9223372036854775808.0);
            _asm.jae(large);
            ConvertTruncating(single, Q(r), xs);
            _asm.jmp(done);
            _asm.Bind(ref large);
            AssemblerMemoryOperand twoTo63 = FloatConstant(single, 9223372036854775808.0);
            if (single) _asm.subss(xs, twoTo63); else _asm.subsd(xs, twoTo63);
            ConvertTruncating(single, Q(r), xs);
            _asm.btc(Q(r), 63);
        }
        else if (wide || !signed)
        {
            ConvertTruncating(single, Q(r), xs);
        }
        else
        {
            if (single) _asm.cvttss2si(D(r), xs); else _asm.cvttsd2si(D(r), xs);
        }

        if (saturating)
        {
            _asm.jmp(done);
            _asm.Bind(ref nan);
            _asm.xor(D(r), D(r));
            _asm.jmp(done);
            _asm.Bind(ref low);
            if (signed) MoveConstant(r, target, wide ? long.MinValue : int.MinValue);
            else _asm.xor(D(r), D(r));
            _asm.jmp(done);
            _asm.Bind(ref high);
            if (signed) MoveConstant(r, target, wide ? long.MaxValue : int.MaxValue);
            else if (wide) _asm.mov(Q(r), -1);
            else _asm.mov(D(r), -1);
        }
        _asm.Bind(ref done);
        FreeXmm(x);
        PushGpr(target, r);
    }

    private void ConvertTruncating(bool single, AssemblerRegister64 destination, AssemblerRegisterXMM source)
    {
        if (single)
            _asm.cvttss2si(destination, source);
        else
            _asm.cvttsd2si(destination, source);
    }

    /// <summary>ucomis of <paramref name="x"/> against a constant from the pool.</summary>
    private void CompareWithConstant(bool single, AssemblerRegisterXMM x, double value)
    {
        if (single)
            _asm.ucomiss(x, FloatConstant(single, value));
        else
            _asm.ucomisd(x, FloatConstant(single, value));
    }

    /// <summary><paramref name="value"/> as an f32 (<paramref name="single"/>) or f64 in the constant pool, as a RIP-relative operand of that width.</summary>
    private AssemblerMemoryOperand FloatConstant(bool single, double value) => single
        ? __dword_ptr[_ctx.Constants.Get((uint)BitConverter.SingleToInt32Bits((float)value))]
        : __qword_ptr[_ctx.Constants.Get((ulong)BitConverter.DoubleToInt64Bits(value))];

    /// <summary>ucomis of a register with itself: PF is set exactly when it is NaN.</summary>
    private void CompareWithItself(bool single, AssemblerRegisterXMM x)
    {
        if (single)
            _asm.ucomiss(x, x);
        else
            _asm.ucomisd(x, x);
    }
}
