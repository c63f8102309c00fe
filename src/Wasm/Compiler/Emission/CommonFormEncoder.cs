using System.Buffers.Binary;
using System.Numerics;
using Iced.Intel;

namespace Hyperlight.Wasm.Compiler.Emission;

/// <summary>
/// Writes the instruction forms of <see cref="CommonForms"/> straight into the code, byte for byte
/// as Iced's <see cref="Encoder"/> would at the same address: nearly all of the code generator's
/// non-branch instructions (in the compile benchmark's module, all but 310 of 30,419, most of those
/// data), at about a quarter of the general encoder's cost each (that module's encoding pass went
/// from 1.3 to 0.73 ms). Anything
/// it does not cover exactly (another form, a prefix, a segment override, 32-bit addressing, a
/// register of another class, a displacement Iced would reject) it declines, and the caller hands
/// the instruction to Iced, which also reports what is wrong with an invalid one.
/// </summary>
internal static class CommonFormEncoder
{
    /// <summary>Room reserved per instruction: x86's longest. The longest form here takes 14: prefix, REX, 0F, opcode, ModRM, SIB, disp32, imm32.</summary>
    private const int MaxLength = 15;

    private const int NoDisplacement = -1;

    /// <summary>Writes <paramref name="instruction"/> as if at address <paramref name="ip"/>, if its form is covered.</summary>
    /// <param name="displacementOffset">Where the disp32 of a RIP-relative operand starts within the instruction; -1 otherwise.</param>
    /// <returns>The length written, or 0 when the instruction is left to Iced (nothing was written).</returns>
    public static int TryEncode(in Instruction instruction, ulong ip, CodeBuffer code, out int displacementOffset)
    {
        displacementOffset = NoDisplacement;
        ref readonly InstructionForm form = ref CommonForms.Of(instruction.Code);
        if (form.Layout == FormLayout.Unsupported || instruction.OpCount != form.OperandCount || HasPrefixes(instruction))
            return 0;
        if (form.HasImmediate && instruction.GetOpKind(form.OperandCount - 1) != form.Immediate)
            return 0;

        bool forceRex = false;
        int reg = 0, rm = 0;
        var address = default(Address);
        bool registerRm = true;
        switch (form.Layout)
        {
            case FormLayout.RegRm:
            case FormLayout.RmReg:
                int regOperand = form.Layout == FormLayout.RegRm ? 0 : 1;
                reg = NumberOf(instruction.GetOpRegister(regOperand), form.Reg, ref forceRex);
                if (reg < 0 || instruction.GetOpKind(regOperand) != OpKind.Register
                    || !TryRm(instruction, 1 - regOperand, form, ref forceRex, out rm, out registerRm, out address))
                    return 0;
                break;
            case FormLayout.RmDigit:
                reg = form.Digit;
                if (!TryRm(instruction, 0, form, ref forceRex, out rm, out registerRm, out address))
                    return 0;
                break;
            case FormLayout.OpcodeRegister:
                rm = NumberOf(instruction.Op0Register, form.Reg, ref forceRex);
                if (rm < 0 || instruction.Op0Kind != OpKind.Register)
                    return 0;
                break;
        }

        Span<byte> bytes = code.Reserve(MaxLength);
        int n = 0;
        if (form.MandatoryPrefix != 0)
            bytes[n++] = form.MandatoryPrefix;
        int rex = (form.RexW ? 8 : 0) | ((reg >> 3) << 2) | (address.Index >> 3 << 1) | (rm >> 3);
        if (rex != 0 || forceRex)
            bytes[n++] = (byte)(0x40 | rex);
        if (form.Escape0F)
            bytes[n++] = 0x0F;
        if (form.Layout == FormLayout.OpcodeRegister)
        {
            bytes[n++] = (byte)(form.Opcode + (rm & 7));
        }
        else
        {
            bytes[n++] = form.Opcode;
            if (form.Layout != FormLayout.NoOperands)
                n = WriteModRm(bytes, n, reg, rm, registerRm, address, ref displacementOffset);
        }

        int length = WriteImmediate(bytes, n, instruction, form);

        if (displacementOffset != NoDisplacement)
        {
            // Iced writes a RIP-relative target (the memory "displacement") relative to the end of the instruction.
            long relative = (long)(instruction.MemoryDisplacement64 - (ip + (ulong)length));
            if (relative is < int.MinValue or > int.MaxValue)
            {
                displacementOffset = NoDisplacement;
                return 0;
            }
            BinaryPrimitives.WriteInt32LittleEndian(bytes[displacementOffset..], (int)relative);
        }
        code.Advance(length);
        return length;
    }

    private static int WriteImmediate(Span<byte> bytes, int n, in Instruction instruction, in InstructionForm form)
    {
        int size = form.ImmediateSize;
        if (size == 0)
            return n;
        // Sign-extended forms (imm8 to 32/64 bits, imm32 to 64) keep their value in the low bytes.
        ulong value = instruction.GetImmediate(form.OperandCount - 1);
        if (size == 1)
            bytes[n] = (byte)value;
        else if (size == 4)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes[n..], (uint)value);
        else
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[n..], value);
        return n + size;
    }

    private static bool HasPrefixes(in Instruction instruction) =>
        instruction.SegmentPrefix != Register.None || instruction.HasLockPrefix || instruction.HasRepePrefix || instruction.HasRepnePrefix;

    /// <summary>Reads operand <paramref name="operand"/> as the r/m: a register number, or an address (<paramref name="rm"/> then holds the base's number).</summary>
    private static bool TryRm(in Instruction instruction, int operand, in InstructionForm form, ref bool forceRex, out int rm, out bool isRegister, out Address address)
    {
        address = default;
        OpKind kind = instruction.GetOpKind(operand);
        isRegister = kind == OpKind.Register;
        if (isRegister)
        {
            rm = form.RmKinds == OperandKinds.MemoryOnly ? -1 : NumberOf(instruction.GetOpRegister(operand), form.Rm, ref forceRex);
            return rm >= 0;
        }
        rm = 0;
        return kind == OpKind.Memory && Address.TryRead(instruction, out address, out rm);
    }

    private static int WriteModRm(Span<byte> bytes, int n, int reg, int rm, bool registerRm, in Address address, ref int displacementOffset)
    {
        int regField = (reg & 7) << 3;
        if (registerRm)
        {
            bytes[n++] = (byte)(0xC0 | regField | (rm & 7));
            return n;
        }
        if (address.IsRipRelative)
        {
            bytes[n++] = (byte)(0x05 | regField);
            displacementOffset = n;
            return n + sizeof(int);
        }
        int mod = address.DisplacementSize switch { 0 => 0x00, 1 => 0x40, _ => 0x80 };
        if (address.NeedsSib)
        {
            bytes[n++] = (byte)(mod | regField | 0b100);
            bytes[n++] = (byte)((address.Scale << 6) | ((address.Index & 7) << 3) | (rm & 7));
        }
        else
        {
            bytes[n++] = (byte)(mod | regField | (rm & 7));
        }
        if (address.DisplacementSize == 1)
            bytes[n++] = (byte)(sbyte)address.Displacement;
        else if (address.DisplacementSize == 4)
            BinaryPrimitives.WriteInt32LittleEndian(bytes[n..], address.Displacement);
        return n + (address.DisplacementSize == 4 ? 4 : 0);
    }

    /// <summary>The register's number (0–15) in its class, or -1 when it is not of <paramref name="expected"/> (or AH–BH, which Iced cannot mix with REX).</summary>
    private static int NumberOf(Register register, RegisterClass expected, ref bool forceRex)
    {
        switch (expected)
        {
            case RegisterClass.Gpr64 when register is >= Register.RAX and <= Register.R15:
                return register - Register.RAX;
            case RegisterClass.Gpr32 when register is >= Register.EAX and <= Register.R15D:
                return register - Register.EAX;
            case RegisterClass.Xmm when register is >= Register.XMM0 and <= Register.XMM15:
                return register - Register.XMM0;
            case RegisterClass.Gpr8 when register is >= Register.AL and <= Register.BL:
                return register - Register.AL;
            case RegisterClass.Gpr8 when register is >= Register.SPL and <= Register.DIL:
                // Without a REX prefix these numbers would name AH–BH.
                forceRex = true;
                return register - Register.SPL + 4;
            case RegisterClass.Gpr8 when register is >= Register.R8L and <= Register.R15L:
                return register - Register.R8L + 8;
            default:
                return -1;
        }
    }

    /// <summary>
    /// A 64-bit [base + index*scale + disp] or [rip + target] memory operand, with the displacement size Iced would choose.
    /// <see cref="Index"/> is the SIB index number, 4 (100, which RSP cannot use) when there is none.
    /// </summary>
    private readonly record struct Address(bool IsRipRelative, int Index, int Scale, bool NeedsSib, int Displacement, int DisplacementSize)
    {
        public static bool TryRead(in Instruction instruction, out Address address, out int baseNumber)
        {
            address = default;
            baseNumber = 0;
            Register baseRegister = instruction.MemoryBase;
            Register indexRegister = instruction.MemoryIndex;
            if (baseRegister == Register.RIP)
            {
                address = new Address(true, 0, 0, false, 0, 4);
                return indexRegister == Register.None && instruction.MemoryIndexScale == 1;
            }
            // No base (an absolute or index-only address) and 32-bit addressing are left to Iced.
            if (baseRegister is < Register.RAX or > Register.R15)
                return false;
            baseNumber = baseRegister - Register.RAX;
            int index = 4; // SIB index 100: none.
            if (indexRegister != Register.None)
            {
                if (indexRegister is < Register.RAX or > Register.R15 or Register.RSP)
                    return false;
                index = indexRegister - Register.RAX;
            }

            long displacement = (long)instruction.MemoryDisplacement64;
            if (displacement is < int.MinValue or > int.MaxValue)
                return false;
            int size = instruction.MemoryDisplSize;
            // [rbp] and [r13] have no mod-00 encoding (it means RIP-relative / no base): Iced gives them a disp8 0.
            if (size == 0 && (baseNumber & 7) == 5)
                size = 1;
            switch (size)
            {
                case 0 when displacement != 0:
                    return false;
                case 1:
                    size = displacement is >= sbyte.MinValue and <= sbyte.MaxValue ? 1 : 4;
                    break;
                case 8:
                    size = 4;
                    break;
                case not 0:
                    return false;
            }
            int scale = BitOperations.Log2((uint)instruction.MemoryIndexScale);
            // [rsp] and [r12] as a base, an index or a scale all need a SIB byte.
            bool needsSib = index != 4 || (baseNumber & 7) == 4 || scale != 0;
            address = new Address(false, index, scale, needsSib, (int)displacement, size);
            return true;
        }
    }
}
