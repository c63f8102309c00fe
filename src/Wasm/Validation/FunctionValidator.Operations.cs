using Hyperlight.Wasm.Binary;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Validation;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>Index lookups and the instructions with more than a fixed signature.</summary>
internal sealed partial class FunctionValidator
{
    /// <summary>Holds operands popped by br_table while they are pushed back; sized by the largest label.</summary>
    private ValueType[] _restoreBuffer = new ValueType[16];

    private FunctionType FunctionAt(uint index) =>
        index < (uint)context.Functions.Length
            ? context.Functions[index]
            : throw Error($"unknown function {index} in {_instruction}: the module has {context.Functions.Length} functions");

    private ValueType LocalAt(uint index) =>
        index < (uint)_localCount
            ? _locals[index]
            : throw Error($"unknown local {index} in {_instruction}: the function has {_localCount} parameters and locals");

    private GlobalType GlobalAt(uint index) =>
        index < (uint)context.Globals.Length
            ? context.Globals[index]
            : throw Error($"unknown global {index} in {_instruction}: the module has {context.Globals.Length} globals");

    private ValueType TableAt(uint index) =>
        index < (uint)context.Tables.Length
            ? context.Tables[index].ElementType
            : throw Error($"unknown table {index} in {_instruction}: the module has {context.Tables.Length} tables");

    private ValueType ElementSegmentAt(uint index) =>
        index < (uint)context.ElementTypes.Length
            ? context.ElementTypes[index]
            : throw Error($"unknown element segment {index} in {_instruction}: the module has {context.ElementTypes.Length}");

    private void ValidateCallIndirect(ref WasmReader reader)
    {
        uint typeIndex = reader.ReadVarUInt32("type index");
        uint tableIndex = reader.ReadVarUInt32("table index");
        if (TableAt(tableIndex) != ValueType.FuncRef)
            throw Error($"type mismatch in call_indirect: table {tableIndex} holds externref, not funcref");
        if (typeIndex >= (uint)context.Types.Count)
            throw Error($"unknown type {typeIndex} in call_indirect: the module defines {context.Types.Count} types");
        FunctionType callee = context.Types[(int)typeIndex];
        Pop(ValueType.I32);
        PopAll(callee.Parameters);
        PushAll(callee.Results);
    }

    /// <summary>The untyped select of the MVP works on numeric operands only; references need the typed form.</summary>
    private void ValidateUntypedSelect()
    {
        Pop(ValueType.I32);
        ValueType first = Pop();
        ValueType second = Pop();
        if (!IsNumeric(first) || !IsNumeric(second))
            throw Error($"type mismatch in select: the untyped select needs numeric operands, found {TypeNames.Of(IsNumeric(first) ? second : first)} (use select with a type annotation)");
        if (first != second && first != Unknown && second != Unknown)
            throw Error($"type mismatch in select: both operands must have the same type, found {TypeNames.Of(second)} and {TypeNames.Of(first)}");
        Push(first == Unknown ? second : first);
    }

    private static bool IsNumeric(ValueType type) =>
        type is Unknown or ValueType.I32 or ValueType.I64 or ValueType.F32 or ValueType.F64;

    private void ValidateTypedSelect(ref WasmReader reader)
    {
        uint count = reader.ReadVarUInt32("number of select types");
        if (count != 1)
            throw Error($"invalid result arity in select: a typed select takes exactly 1 type, found {count}");
        ValueType type = reader.ReadValueType("select type");
        Pop(ValueType.I32);
        Pop(type);
        Pop(type);
        Push(type);
    }

    /// <summary>Only functions referenced outside function bodies (C.refs) may be named by ref.func.</summary>
    private void ValidateRefFunc(ref WasmReader reader)
    {
        uint index = reader.ReadVarUInt32("function index");
        FunctionAt(index);
        if (!context.DeclaredFunctionReferences[index])
            throw Error($"undeclared function reference: ref.func {index} needs function {index} to appear in an element segment, an export or a global initializer");
        Push(ValueType.FuncRef);
    }

    /// <summary>The spec's push_vals(pop_vals(types)): checks the operands and leaves them, which keeps unknown operands unknown.</summary>
    private void PopAndRestore(IReadOnlyList<ValueType> types)
    {
        if (_restoreBuffer.Length < types.Count)
            _restoreBuffer = new ValueType[types.Count];
        for (int i = types.Count - 1; i >= 0; i--)
            _restoreBuffer[i] = Pop(types[i]);
        for (int i = 0; i < types.Count; i++)
            Push(_restoreBuffer[i]);
    }

    private void ValidateMemoryAccess(byte opcode, ref WasmReader reader)
    {
        MemoryAccess access = InstructionSignatures.MemoryAccesses[opcode - (byte)Opcode.I32Load];
        uint alignment = reader.ReadVarUInt32("memory access alignment");
        reader.ReadVarUInt32("memory access offset");
        if (alignment > (uint)access.NaturalAlignmentLog2)
            throw Error($"alignment must not be larger than natural: {_instruction} allows at most 2^{access.NaturalAlignmentLog2}, found 2^{alignment}");
        RequireMemory();
        if (opcode >= (byte)Opcode.I32Store)
        {
            Pop(access.Type);
            Pop(ValueType.I32);
        }
        else
        {
            Pop(ValueType.I32);
            Push(access.Type);
        }
    }

    /// <summary>Wasm 2.0 encodes the memory of memory instructions as a single zero byte (multi-memory is later).</summary>
    private void ReadZeroMemoryIndex(ref WasmReader reader)
    {
        byte index = reader.ReadByte("memory index (0x00)");
        if (index != 0)
            throw Error($"zero byte expected in {_instruction}: the memory index must be 0x00, found 0x{index:x2} (multiple memories are not supported)");
        RequireMemory();
    }

    /// <summary>
    /// The bulk-memory instructions' memory index. The 2.0 text calls it a zero byte; engines (and the
    /// later multi-memory encoding) read it as a u32, so a padded zero such as 0x80 0x00 is accepted.
    /// </summary>
    private void ReadBulkMemoryIndex(ref WasmReader reader)
    {
        uint index = reader.ReadVarUInt32("memory index");
        if (index != 0)
            throw Error($"unknown memory {index} in {_instruction}: multiple memories are not supported");
        RequireMemory();
    }

    private void RequireMemory()
    {
        if (!context.HasMemory)
            throw Error($"unknown memory 0 in {_instruction}: the module has no memory");
    }

    private void ValidateMiscInstruction(ref WasmReader reader)
    {
        uint subOpcode = reader.ReadVarUInt32("0xfc instruction number");
        _instruction = OpcodeNames.MiscName(subOpcode) ?? "";
        if (subOpcode <= (uint)MiscOpcode.I64TruncSatF64U)
        {
            NumericSignature signature = InstructionSignatures.SaturatingTruncations[subOpcode];
            Pop(signature.Operand);
            Push(signature.Result);
            return;
        }

        switch ((MiscOpcode)subOpcode)
        {
            case MiscOpcode.MemoryInit:
                RequireDataSegment(reader.ReadVarUInt32("data segment index"));
                ReadBulkMemoryIndex(ref reader);
                PopThreeI32();
                break;
            case MiscOpcode.DataDrop:
                RequireDataSegment(reader.ReadVarUInt32("data segment index"));
                break;
            case MiscOpcode.MemoryCopy:
                ReadBulkMemoryIndex(ref reader);
                ReadBulkMemoryIndex(ref reader);
                PopThreeI32();
                break;
            case MiscOpcode.MemoryFill:
                ReadBulkMemoryIndex(ref reader);
                PopThreeI32();
                break;
            case MiscOpcode.TableInit:
            {
                ValueType segment = ElementSegmentAt(reader.ReadVarUInt32("element segment index"));
                uint tableIndex = reader.ReadVarUInt32("table index");
                ValueType table = TableAt(tableIndex);
                if (table != segment)
                    throw Error($"type mismatch in table.init: table {tableIndex} holds {TypeNames.Of(table)}, the element segment holds {TypeNames.Of(segment)}");
                PopThreeI32();
                break;
            }

            case MiscOpcode.ElemDrop:
                ElementSegmentAt(reader.ReadVarUInt32("element segment index"));
                break;
            case MiscOpcode.TableCopy:
            {
                uint destination = reader.ReadVarUInt32("destination table index");
                uint source = reader.ReadVarUInt32("source table index");
                ValueType destinationType = TableAt(destination);
                ValueType sourceType = TableAt(source);
                if (destinationType != sourceType)
                    throw Error($"type mismatch in table.copy: destination table {destination} holds {TypeNames.Of(destinationType)}, source table {source} holds {TypeNames.Of(sourceType)}");
                PopThreeI32();
                break;
            }

            case MiscOpcode.TableGrow:
            {
                ValueType element = TableAt(reader.ReadVarUInt32("table index"));
                Pop(ValueType.I32);
                Pop(element);
                Push(ValueType.I32);
                break;
            }

            case MiscOpcode.TableSize:
                TableAt(reader.ReadVarUInt32("table index"));
                Push(ValueType.I32);
                break;
            case MiscOpcode.TableFill:
            {
                ValueType element = TableAt(reader.ReadVarUInt32("table index"));
                Pop(ValueType.I32);
                Pop(element);
                Pop(ValueType.I32);
                break;
            }

            default:
                throw Error($"unknown instruction 0xfc {subOpcode}: not a Wasm 2.0 instruction");
        }
    }

    private void PopThreeI32()
    {
        Pop(ValueType.I32);
        Pop(ValueType.I32);
        Pop(ValueType.I32);
    }

    /// <summary>memory.init and data.drop need the data count section, so that code can be validated before the data section.</summary>
    private void RequireDataSegment(uint index)
    {
        if (context.DataCount is not uint count)
            throw Error($"data count section required: {_instruction} refers to data segments, which needs a data count section");
        if (index >= count)
            throw Error($"unknown data segment {index} in {_instruction}: the data count section declares {count}");
    }
}
