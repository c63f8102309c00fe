using Hyperlight.Wasm.Binary;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Validation;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>Operand and result type of a numeric instruction; binary ones take two operands of the same type.</summary>
internal readonly record struct NumericSignature(ValueType Operand, ValueType Result, bool Binary);

/// <summary>Value type and natural alignment (log2 of the access size) of a load or store.</summary>
internal readonly record struct MemoryAccess(ValueType Type, int NaturalAlignmentLog2);

/// <summary>
/// The fixed signatures of the numeric, conversion and memory-access instructions, as tables so that
/// the validator handles these ~170 opcodes with one lookup instead of one case each.
/// </summary>
internal static class InstructionSignatures
{
    private const ValueType I32 = ValueType.I32;
    private const ValueType I64 = ValueType.I64;
    private const ValueType F32 = ValueType.F32;
    private const ValueType F64 = ValueType.F64;

    /// <summary>By single-byte opcode; <c>Result == 0</c> where the opcode is not a numeric instruction.</summary>
    public static readonly NumericSignature[] Numeric = BuildNumeric();

    /// <summary>The saturating truncations, 0xFC 0 to 7.</summary>
    public static readonly NumericSignature[] SaturatingTruncations =
    [
        new(F32, I32, false), new(F32, I32, false), new(F64, I32, false), new(F64, I32, false),
        new(F32, I64, false), new(F32, I64, false), new(F64, I64, false), new(F64, I64, false),
    ];

    /// <summary>Loads 0x28–0x35 then stores 0x36–0x3E, indexed by opcode − 0x28.</summary>
    public static readonly MemoryAccess[] MemoryAccesses =
    [
        new(I32, 2), new(I64, 3), new(F32, 2), new(F64, 3),
        new(I32, 0), new(I32, 0), new(I32, 1), new(I32, 1),
        new(I64, 0), new(I64, 0), new(I64, 1), new(I64, 1), new(I64, 2), new(I64, 2),
        new(I32, 2), new(I64, 3), new(F32, 2), new(F64, 3),
        new(I32, 0), new(I32, 1), new(I64, 0), new(I64, 1), new(I64, 2),
    ];

    private static NumericSignature[] BuildNumeric()
    {
        var table = new NumericSignature[256];
        Unary(table, Opcode.I32Eqz, Opcode.I32Eqz, I32, I32);
        Binary(table, Opcode.I32Eq, Opcode.I32GeU, I32, I32);
        Unary(table, Opcode.I64Eqz, Opcode.I64Eqz, I64, I32);
        Binary(table, Opcode.I64Eq, Opcode.I64GeU, I64, I32);
        Binary(table, Opcode.F32Eq, Opcode.F32Ge, F32, I32);
        Binary(table, Opcode.F64Eq, Opcode.F64Ge, F64, I32);
        Unary(table, Opcode.I32Clz, Opcode.I32Popcnt, I32, I32);
        Binary(table, Opcode.I32Add, Opcode.I32Rotr, I32, I32);
        Unary(table, Opcode.I64Clz, Opcode.I64Popcnt, I64, I64);
        Binary(table, Opcode.I64Add, Opcode.I64Rotr, I64, I64);
        Unary(table, Opcode.F32Abs, Opcode.F32Sqrt, F32, F32);
        Binary(table, Opcode.F32Add, Opcode.F32Copysign, F32, F32);
        Unary(table, Opcode.F64Abs, Opcode.F64Sqrt, F64, F64);
        Binary(table, Opcode.F64Add, Opcode.F64Copysign, F64, F64);
        Unary(table, Opcode.I32WrapI64, Opcode.I32WrapI64, I64, I32);
        Unary(table, Opcode.I32TruncF32S, Opcode.I32TruncF32U, F32, I32);
        Unary(table, Opcode.I32TruncF64S, Opcode.I32TruncF64U, F64, I32);
        Unary(table, Opcode.I64ExtendI32S, Opcode.I64ExtendI32U, I32, I64);
        Unary(table, Opcode.I64TruncF32S, Opcode.I64TruncF32U, F32, I64);
        Unary(table, Opcode.I64TruncF64S, Opcode.I64TruncF64U, F64, I64);
        Unary(table, Opcode.F32ConvertI32S, Opcode.F32ConvertI32U, I32, F32);
        Unary(table, Opcode.F32ConvertI64S, Opcode.F32ConvertI64U, I64, F32);
        Unary(table, Opcode.F32DemoteF64, Opcode.F32DemoteF64, F64, F32);
        Unary(table, Opcode.F64ConvertI32S, Opcode.F64ConvertI32U, I32, F64);
        Unary(table, Opcode.F64ConvertI64S, Opcode.F64ConvertI64U, I64, F64);
        Unary(table, Opcode.F64PromoteF32, Opcode.F64PromoteF32, F32, F64);
        Unary(table, Opcode.I32ReinterpretF32, Opcode.I32ReinterpretF32, F32, I32);
        Unary(table, Opcode.I64ReinterpretF64, Opcode.I64ReinterpretF64, F64, I64);
        Unary(table, Opcode.F32ReinterpretI32, Opcode.F32ReinterpretI32, I32, F32);
        Unary(table, Opcode.F64ReinterpretI64, Opcode.F64ReinterpretI64, I64, F64);
        Unary(table, Opcode.I32Extend8S, Opcode.I32Extend16S, I32, I32);
        Unary(table, Opcode.I64Extend8S, Opcode.I64Extend32S, I64, I64);
        return table;
    }

    private static void Unary(NumericSignature[] table, Opcode first, Opcode last, ValueType operand, ValueType result)
    {
        for (int op = (int)first; op <= (int)last; op++)
            table[op] = new NumericSignature(operand, result, Binary: false);
    }

    private static void Binary(NumericSignature[] table, Opcode first, Opcode last, ValueType operand, ValueType result)
    {
        for (int op = (int)first; op <= (int)last; op++)
            table[op] = new NumericSignature(operand, result, Binary: true);
    }
}
