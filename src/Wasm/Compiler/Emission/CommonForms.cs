using Iced.Intel;
using static Hyperlight.Wasm.Compiler.Emission.RegisterClass;

namespace Hyperlight.Wasm.Compiler.Emission;

/// <summary>
/// The instruction forms <see cref="CommonFormEncoder"/> writes itself, by Iced <see cref="Code"/>:
/// the ones the code generator emits most (moves, ALU operations, lea, compares, setcc/cmovcc,
/// scalar SSE arithmetic and conversions, push/pop). Anything else goes to Iced's encoder.
/// </summary>
internal static class CommonForms
{
    private const byte NoPrefix = 0, OperandSize = 0x66, Repne = 0xF2, Rep = 0xF3;

    // The x86 condition order (o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g) for setcc and cmovcc.
    private static readonly string[] Conditions = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"];

    // ALU operations in the order of their opcode rows (00, 08, …, 38) and their /digit in 80–83.
    private static readonly string[] Arithmetic = ["Add", "Or", "Adc", "Sbb", "And", "Sub", "Xor", "Cmp"];

    private static readonly InstructionForm[] s_forms = Build();

    /// <summary>The form of <paramref name="code"/>; its layout is <see cref="FormLayout.Unsupported"/> when the encoder leaves it to Iced.</summary>
    public static ref readonly InstructionForm Of(Code code) => ref s_forms[(int)code];

    private static InstructionForm[] Build()
    {
        var forms = new InstructionForm[Enum.GetValues<Code>().Length];
        void Set(Code code, InstructionForm form) => forms[(int)code] = form;
        Code Named(string name) => Enum.Parse<Code>(name);

        for (int op = 0; op < Arithmetic.Length; op++)
        {
            string name = Arithmetic[op];
            byte row = (byte)(op * 8);
            foreach ((RegisterClass gpr, string bits, bool w) in new[] { (Gpr32, "32", false), (Gpr64, "64", true) })
            {
                Set(Named($"{name}_rm{bits}_r{bits}"), new(FormLayout.RmReg, NoPrefix, w, false, (byte)(row + 1), gpr, gpr));
                Set(Named($"{name}_r{bits}_rm{bits}"), new(FormLayout.RegRm, NoPrefix, w, false, (byte)(row + 3), gpr, gpr));
                Set(Named($"{name}_rm{bits}_imm8"), new(FormLayout.RmDigit, NoPrefix, w, false, 0x83, None, gpr, Digit: (byte)op, Immediate: w ? OpKind.Immediate8to64 : OpKind.Immediate8to32));
                Set(Named($"{name}_rm{bits}_imm32"), new(FormLayout.RmDigit, NoPrefix, w, false, 0x81, None, gpr, Digit: (byte)op, Immediate: w ? OpKind.Immediate32to64 : OpKind.Immediate32));
            }
        }

        for (int cc = 0; cc < Conditions.Length; cc++)
        {
            Set(Named($"Set{Conditions[cc]}_rm8"), new(FormLayout.RmDigit, NoPrefix, false, true, (byte)(0x90 + cc), None, Gpr8));
            Set(Named($"Cmov{Conditions[cc]}_r32_rm32"), new(FormLayout.RegRm, NoPrefix, false, true, (byte)(0x40 + cc), Gpr32, Gpr32));
            Set(Named($"Cmov{Conditions[cc]}_r64_rm64"), new(FormLayout.RegRm, NoPrefix, true, true, (byte)(0x40 + cc), Gpr64, Gpr64));
        }

        foreach ((RegisterClass gpr, bool w, string bits) in new[] { (Gpr32, false, "32"), (Gpr64, true, "64") })
        {
            Set(Named($"Mov_rm{bits}_r{bits}"), new(FormLayout.RmReg, NoPrefix, w, false, 0x89, gpr, gpr));
            Set(Named($"Mov_r{bits}_rm{bits}"), new(FormLayout.RegRm, NoPrefix, w, false, 0x8B, gpr, gpr));
            Set(Named($"Mov_rm{bits}_imm32"), new(FormLayout.RmDigit, NoPrefix, w, false, 0xC7, None, gpr, Immediate: w ? OpKind.Immediate32to64 : OpKind.Immediate32));
            Set(Named($"Lea_r{bits}_m"), new(FormLayout.RegRm, NoPrefix, w, false, 0x8D, gpr, gpr, OperandKinds.MemoryOnly));
            Set(Named($"Test_rm{bits}_r{bits}"), new(FormLayout.RmReg, NoPrefix, w, false, 0x85, gpr, gpr));
            Set(Named($"Imul_r{bits}_rm{bits}"), new(FormLayout.RegRm, NoPrefix, w, true, 0xAF, gpr, gpr));
            Set(Named($"Shl_rm{bits}_imm8"), new(FormLayout.RmDigit, NoPrefix, w, false, 0xC1, None, gpr, Digit: 4, Immediate: OpKind.Immediate8));
            Set(Named($"Shr_rm{bits}_imm8"), new(FormLayout.RmDigit, NoPrefix, w, false, 0xC1, None, gpr, Digit: 5, Immediate: OpKind.Immediate8));
            Set(Named($"Sar_rm{bits}_imm8"), new(FormLayout.RmDigit, NoPrefix, w, false, 0xC1, None, gpr, Digit: 7, Immediate: OpKind.Immediate8));
            Set(Named($"Inc_rm{bits}"), new(FormLayout.RmDigit, NoPrefix, w, false, 0xFF, None, gpr, Digit: 0));
            Set(Named($"Dec_rm{bits}"), new(FormLayout.RmDigit, NoPrefix, w, false, 0xFF, None, gpr, Digit: 1));
            Set(Named($"Neg_rm{bits}"), new(FormLayout.RmDigit, NoPrefix, w, false, 0xF7, None, gpr, Digit: 3));
            Set(Named($"Cvtsi2sd_xmm_rm{bits}"), new(FormLayout.RegRm, Repne, w, true, 0x2A, Xmm, gpr));
            Set(Named($"Cvtsi2ss_xmm_rm{bits}"), new(FormLayout.RegRm, Rep, w, true, 0x2A, Xmm, gpr));
            Set(Named($"Cvttsd2si_r{bits}_xmmm64"), new(FormLayout.RegRm, Repne, w, true, 0x2C, gpr, Xmm));
            Set(Named($"Cvttss2si_r{bits}_xmmm32"), new(FormLayout.RegRm, Rep, w, true, 0x2C, gpr, Xmm));
        }

        Set(Code.Mov_r32_imm32, new(FormLayout.OpcodeRegister, NoPrefix, false, false, 0xB8, Gpr32, None, Immediate: OpKind.Immediate32));
        Set(Code.Mov_r64_imm64, new(FormLayout.OpcodeRegister, NoPrefix, true, false, 0xB8, Gpr64, None, Immediate: OpKind.Immediate64));
        Set(Code.Movzx_r32_rm8, new(FormLayout.RegRm, NoPrefix, false, true, 0xB6, Gpr32, Gpr8));
        Set(Code.Movsxd_r64_rm32, new(FormLayout.RegRm, NoPrefix, true, false, 0x63, Gpr64, Gpr32));
        Set(Code.Push_r64, new(FormLayout.OpcodeRegister, NoPrefix, false, false, 0x50, Gpr64, None));
        Set(Code.Pop_r64, new(FormLayout.OpcodeRegister, NoPrefix, false, false, 0x58, Gpr64, None));
        Set(Code.Jmp_rm64, new(FormLayout.RmDigit, NoPrefix, false, false, 0xFF, None, Gpr64, Digit: 4));
        Set(Code.Call_rm64, new(FormLayout.RmDigit, NoPrefix, false, false, 0xFF, None, Gpr64, Digit: 2));
        Set(Code.Retnq, new(FormLayout.NoOperands, NoPrefix, false, false, 0xC3, None, None));
        Set(Code.Leaveq, new(FormLayout.NoOperands, NoPrefix, false, false, 0xC9, None, None));
        Set(Code.Nopd, new(FormLayout.NoOperands, NoPrefix, false, false, 0x90, None, None));

        // Scalar SSE: F2 for double, F3 for single precision, 66 for ucomisd and the packed-double logic.
        Set(Code.Movsd_xmm_xmmm64, new(FormLayout.RegRm, Repne, false, true, 0x10, Xmm, Xmm));
        Set(Code.Movsd_xmmm64_xmm, new(FormLayout.RmReg, Repne, false, true, 0x11, Xmm, Xmm));
        Set(Code.Movss_xmm_xmmm32, new(FormLayout.RegRm, Rep, false, true, 0x10, Xmm, Xmm));
        Set(Code.Movss_xmmm32_xmm, new(FormLayout.RmReg, Rep, false, true, 0x11, Xmm, Xmm));
        Set(Code.Ucomisd_xmm_xmmm64, new(FormLayout.RegRm, OperandSize, false, true, 0x2E, Xmm, Xmm));
        Set(Code.Ucomiss_xmm_xmmm32, new(FormLayout.RegRm, NoPrefix, false, true, 0x2E, Xmm, Xmm));
        Set(Code.Xorps_xmm_xmmm128, new(FormLayout.RegRm, NoPrefix, false, true, 0x57, Xmm, Xmm));
        Set(Code.Xorpd_xmm_xmmm128, new(FormLayout.RegRm, OperandSize, false, true, 0x57, Xmm, Xmm));
        Set(Code.Andps_xmm_xmmm128, new(FormLayout.RegRm, NoPrefix, false, true, 0x54, Xmm, Xmm));
        Set(Code.Andpd_xmm_xmmm128, new(FormLayout.RegRm, OperandSize, false, true, 0x54, Xmm, Xmm));
        Set(Code.Cvtsd2ss_xmm_xmmm64, new(FormLayout.RegRm, Repne, false, true, 0x5A, Xmm, Xmm));
        Set(Code.Cvtss2sd_xmm_xmmm32, new(FormLayout.RegRm, Rep, false, true, 0x5A, Xmm, Xmm));
        Set(Code.Movq_xmm_rm64, new(FormLayout.RegRm, OperandSize, true, true, 0x6E, Xmm, Gpr64));
        Set(Code.Movq_rm64_xmm, new(FormLayout.RmReg, OperandSize, true, true, 0x7E, Xmm, Gpr64));
        Set(Code.Movd_xmm_rm32, new(FormLayout.RegRm, OperandSize, false, true, 0x6E, Xmm, Gpr32));
        Set(Code.Movd_rm32_xmm, new(FormLayout.RmReg, OperandSize, false, true, 0x7E, Xmm, Gpr32));
        foreach ((string name, byte opcode) in new[] { ("Add", (byte)0x58), ("Mul", (byte)0x59), ("Sub", (byte)0x5C), ("Div", (byte)0x5E), ("Sqrt", (byte)0x51) })
        {
            Set(Named($"{name}sd_xmm_xmmm64"), new(FormLayout.RegRm, Repne, false, true, opcode, Xmm, Xmm));
            Set(Named($"{name}ss_xmm_xmmm32"), new(FormLayout.RegRm, Rep, false, true, opcode, Xmm, Xmm));
        }
        return forms;
    }
}
