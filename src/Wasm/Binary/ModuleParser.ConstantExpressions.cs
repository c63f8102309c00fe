using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Binary;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>
/// Decoder of constant expressions: exactly one constant instruction followed by <c>end</c>, the
/// Wasm 2.0 form (extended constant expressions are a later proposal).
/// </summary>
internal sealed partial class ModuleParser
{
    private ConstantExpression ReadConstantExpression(ref WasmReader reader, string context)
    {
        int start = reader.Offset;
        byte opcode = reader.ReadByte("a constant expression");
        ConstantExpression expression = opcode switch
        {
            (byte)Opcode.I32Const => new(ConstantKind.I32Const, ValueType.I32, (uint)reader.ReadVarInt32("i32.const value")),
            (byte)Opcode.I64Const => new(ConstantKind.I64Const, ValueType.I64, (ulong)reader.ReadVarInt64("i64.const value")),
            (byte)Opcode.F32Const => new(ConstantKind.F32Const, ValueType.F32, reader.ReadFixedUInt32("f32.const value")),
            (byte)Opcode.F64Const => new(ConstantKind.F64Const, ValueType.F64, reader.ReadFixedUInt64("f64.const value")),
            (byte)Opcode.GlobalGet => ReadGlobalGet(ref reader, context),
            (byte)Opcode.RefNull => new(ConstantKind.RefNull, reader.ReadReferenceType("ref.null type"), 0),
            (byte)Opcode.RefFunc => new(ConstantKind.RefFunc, ValueType.FuncRef, reader.ReadVarUInt32("ref.func function index")),
            _ => throw WasmReader.Error($"constant expression required in {context}: expected i32.const, i64.const, f32.const, f64.const, global.get, ref.null or ref.func, found {OpcodeNames.Describe(opcode)}", start),
        };

        int endOffset = reader.Offset;
        byte end = reader.ReadByte("end (0x0b) of a constant expression");
        if (end != (byte)Opcode.End)
            throw WasmReader.Error($"constant expression required in {context}: expected end (0x0b) after one constant instruction, found {OpcodeNames.Describe(end)}", endOffset);
        return expression;
    }

    /// <summary>The global must already be in the index space (imported, or defined earlier) so its type is known.</summary>
    private ConstantExpression ReadGlobalGet(ref WasmReader reader, string context)
    {
        int start = reader.Offset;
        uint index = reader.ReadVarUInt32("global.get index");
        ValueType? type = GlobalTypeAt(index);
        if (type is null)
            throw WasmReader.Error($"unknown global {index} in {context}", start);
        return new ConstantExpression(ConstantKind.GlobalGet, type.Value, index);
    }

    private ValueType? GlobalTypeAt(uint index)
    {
        if (index < (uint)_importedGlobalTypes.Count)
            return _importedGlobalTypes[(int)index];
        uint defined = index - (uint)_importedGlobalTypes.Count;
        return defined < (uint)_module.Globals.Count ? _module.Globals[(int)defined].Type.Type : null;
    }
}
