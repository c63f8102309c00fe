using System.Numerics;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>i32.div_u and i32.rem_u by a nonzero constant, without a div instruction (tens of cycles).</summary>
internal sealed partial class FunctionCompiler
{
    private bool IsNonzeroConstant(StackEntry e) => e.Location == ValueLocation.Constant && (uint)e.Bits != 0;

    /// <summary>
    /// A power of two is a shift or a mask. Any other divisor d multiplies by M = ⌊2^64 / d⌋ + 1 and
    /// keeps the high 64 bits of the 128-bit product, which is ⌊x / d⌋ for every 32-bit x:
    /// M = 2^64/d + e with 0 &lt; e ≤ 1, so x·M/2^64 = x/d + x·e/2^64, where x/d is at most (d − 1)/d
    /// above ⌊x / d⌋ and the error x·e/2^64 is below 1/d (because x·d &lt; 2^64).
    /// </summary>
    private void DivideUnsignedByConstant(bool remainder)
    {
        uint divisor = (uint)Pop().Bits;
        if (BitOperations.IsPow2(divisor))
        {
            Gpr a = PopGpr();
            if (remainder)
                _asm.and(D(a), unchecked((int)(divisor - 1)));
            else if (divisor > 1)
                _asm.shr(D(a), (byte)BitOperations.Log2(divisor));
            // x / 1 is x, whose upper half stays as unknown as it was.
            Push(StackEntry.InGpr(ValueType.I32, a, zeroExtended: remainder || divisor > 1));
            return;
        }
        ClaimGpr(Gpr.Rax);
        ClaimGpr(Gpr.Rdx);
        Gpr x = PopReadOnlyGpr();
        _asm.mov(eax, D(x));
        _asm.mov(rdx, unchecked((long)((ulong.MaxValue / divisor) + 1)));
        _asm.mul(rdx);
        if (remainder)
        {
            // x − ⌊x / d⌋·d; the product fits 32 bits, and its low 32 bits do not depend on how imm32 extends.
            _asm.imul(edx, edx, unchecked((int)divisor));
            _asm.mov(eax, D(x));
            _asm.sub(eax, edx);
        }
        FreeGpr(x);
        FreeGpr(remainder ? Gpr.Rdx : Gpr.Rax);
        PushNarrowResult(ValueType.I32, remainder ? Gpr.Rax : Gpr.Rdx);
    }
}
