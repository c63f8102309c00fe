using Iced.Intel;

namespace Hyperlight.Wasm.Compiler.Emission;

/// <summary>
/// How one legacy-encoded instruction form is laid out, for <see cref="CommonFormEncoder"/>:
/// optional mandatory prefix, REX.W, optional 0F escape, one opcode byte, then (by <see cref="Layout"/>)
/// a ModRM byte with its SIB and displacement, and an immediate.
/// </summary>
internal readonly record struct InstructionForm(
    FormLayout Layout,
    byte MandatoryPrefix,
    bool RexW,
    bool Escape0F,
    byte Opcode,
    RegisterClass Reg,
    RegisterClass Rm,
    OperandKinds RmKinds = OperandKinds.RegisterOrMemory,
    byte Digit = 0,
    OpKind Immediate = OpKind.Register)
{
    // Stored rather than computed: the encoder reads them for every instruction it writes.

    /// <summary>Operands the instruction has: the register and/or r/m ones, then the immediate, if any.</summary>
    public int OperandCount { get; } = Layout switch
    {
        FormLayout.NoOperands => 0,
        FormLayout.RmDigit or FormLayout.OpcodeRegister => 1,
        _ => 2,
    } + (Immediate != OpKind.Register ? 1 : 0);

    public bool HasImmediate => Immediate != OpKind.Register;

    public int ImmediateSize { get; } = Immediate switch
    {
        OpKind.Register => 0,
        OpKind.Immediate8 or OpKind.Immediate8to32 or OpKind.Immediate8to64 => 1,
        OpKind.Immediate64 => 8,
        _ => 4,
    };
}

internal enum FormLayout : byte
{
    /// <summary>Not a form <see cref="CommonFormEncoder"/> writes (the default of the table's empty slots).</summary>
    Unsupported,

    /// <summary>Operand 0 in ModRM.reg, operand 1 in ModRM.rm.</summary>
    RegRm,

    /// <summary>Operand 0 in ModRM.rm, operand 1 in ModRM.reg.</summary>
    RmReg,

    /// <summary>Operand 0 in ModRM.rm, the opcode extension (/digit) in ModRM.reg.</summary>
    RmDigit,

    /// <summary>Operand 0 in the opcode's low three bits (50+r, B8+r).</summary>
    OpcodeRegister,

    NoOperands,
}

/// <summary>The registers an operand may name; an instruction naming another kind is left to Iced (which rejects it).</summary>
internal enum RegisterClass : byte
{
    None,
    Gpr8,
    Gpr32,
    Gpr64,
    Xmm,
}

/// <summary>What the r/m operand may be.</summary>
internal enum OperandKinds : byte
{
    RegisterOrMemory,
    MemoryOnly,
}
