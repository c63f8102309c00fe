using Hyperlight.Wasm.Binary;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Validation;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>The single-byte instructions: control flow, calls, variables, references and numerics.</summary>
internal sealed partial class FunctionValidator
{
    private const byte EmptyBlockType = 0x40;

    private static readonly ValueType[] JustI32 = [ValueType.I32];
    private static readonly ValueType[] JustI64 = [ValueType.I64];
    private static readonly ValueType[] JustF32 = [ValueType.F32];
    private static readonly ValueType[] JustF64 = [ValueType.F64];
    private static readonly ValueType[] JustFuncRef = [ValueType.FuncRef];
    private static readonly ValueType[] JustExternRef = [ValueType.ExternRef];

    /// <summary>Per br_table instruction, which label depths were already checked (stamp = instruction offset + 1).</summary>
    private int[] _brTableChecked = new int[16];

    private void ValidateInstruction(byte opcode, ref WasmReader reader)
    {
        _instruction = OpcodeNames.Name(opcode) ?? "";
        NumericSignature numeric = InstructionSignatures.Numeric[opcode];
        if (numeric.Result != Unknown)
        {
            if (numeric.Binary)
                Pop(numeric.Operand);
            Pop(numeric.Operand);
            Push(numeric.Result);
            return;
        }

        if (opcode is >= (byte)Opcode.I32Load and <= (byte)Opcode.I64Store32)
        {
            ValidateMemoryAccess(opcode, ref reader);
            return;
        }

        switch ((Opcode)opcode)
        {
            case Opcode.Unreachable:
                MarkUnreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block or Opcode.Loop or Opcode.If:
                ValidateBlockStart((Opcode)opcode, ref reader);
                break;
            case Opcode.Else:
                ValidateElse();
                break;
            case Opcode.End:
                ValidateEnd();
                break;
            case Opcode.Br:
                PopAll(LabelTypes(Label(ReadLabelDepth(ref reader))));
                MarkUnreachable();
                break;
            case Opcode.BrIf:
            {
                IReadOnlyList<ValueType> types = LabelTypes(Label(ReadLabelDepth(ref reader)));
                Pop(ValueType.I32);
                PopAll(types);
                PushAll(types);
                break;
            }

            case Opcode.BrTable:
                ValidateBrTable(ref reader);
                break;
            case Opcode.Return:
                PopAll(_function.Results);
                MarkUnreachable();
                break;
            case Opcode.Call:
            {
                FunctionType callee = FunctionAt(reader.ReadVarUInt32("function index"));
                PopAll(callee.Parameters);
                PushAll(callee.Results);
                break;
            }

            case Opcode.CallIndirect:
                ValidateCallIndirect(ref reader);
                break;
            case Opcode.Drop:
                Pop();
                break;
            case Opcode.Select:
                ValidateUntypedSelect();
                break;
            case Opcode.SelectTyped:
                ValidateTypedSelect(ref reader);
                break;
            case Opcode.LocalGet:
                Push(LocalAt(reader.ReadVarUInt32("local index")));
                break;
            case Opcode.LocalSet:
                Pop(LocalAt(reader.ReadVarUInt32("local index")));
                break;
            case Opcode.LocalTee:
            {
                ValueType type = LocalAt(reader.ReadVarUInt32("local index"));
                Pop(type);
                Push(type);
                break;
            }

            case Opcode.GlobalGet:
                Push(GlobalAt(reader.ReadVarUInt32("global index")).Type);
                break;
            case Opcode.GlobalSet:
            {
                uint index = reader.ReadVarUInt32("global index");
                GlobalType global = GlobalAt(index);
                if (!global.Mutable)
                    throw Error($"global.set of immutable global {index}");
                Pop(global.Type);
                break;
            }

            case Opcode.TableGet:
            {
                ValueType element = TableAt(reader.ReadVarUInt32("table index"));
                Pop(ValueType.I32);
                Push(element);
                break;
            }

            case Opcode.TableSet:
            {
                ValueType element = TableAt(reader.ReadVarUInt32("table index"));
                Pop(element);
                Pop(ValueType.I32);
                break;
            }

            case Opcode.MemorySize:
                ReadZeroMemoryIndex(ref reader);
                Push(ValueType.I32);
                break;
            case Opcode.MemoryGrow:
                ReadZeroMemoryIndex(ref reader);
                Pop(ValueType.I32);
                Push(ValueType.I32);
                break;
            case Opcode.I32Const:
                reader.ReadVarInt32("i32.const value");
                Push(ValueType.I32);
                break;
            case Opcode.I64Const:
                reader.ReadVarInt64("i64.const value");
                Push(ValueType.I64);
                break;
            case Opcode.F32Const:
                reader.ReadBytes(4, "f32.const value");
                Push(ValueType.F32);
                break;
            case Opcode.F64Const:
                reader.ReadBytes(8, "f64.const value");
                Push(ValueType.F64);
                break;
            case Opcode.RefNull:
                Push(reader.ReadReferenceType("ref.null type"));
                break;
            case Opcode.RefIsNull:
                if (Pop() is not (Unknown or ValueType.FuncRef or ValueType.ExternRef) and var found)
                    throw Error($"type mismatch in ref.is_null: expected a reference, found {TypeNames.Of(found)}");
                Push(ValueType.I32);
                break;
            case Opcode.RefFunc:
                ValidateRefFunc(ref reader);
                break;
            case Opcode.MiscPrefix:
                ValidateMiscInstruction(ref reader);
                break;
            case Opcode.SimdPrefix:
                throw Error("SIMD instructions (0xfd prefix) are not supported");
            case Opcode.AtomicPrefix:
                throw Error("atomic instructions (threads proposal, 0xfe prefix) are not supported");
            default:
                throw Error($"unknown opcode 0x{opcode:x2}: not a Wasm 2.0 instruction");
        }
    }

    private void ValidateBlockStart(Opcode kind, ref WasmReader reader)
    {
        (IReadOnlyList<ValueType> parameters, IReadOnlyList<ValueType> results) = ReadBlockType(ref reader);
        if (kind == Opcode.If)
            Pop(ValueType.I32);
        PopAll(parameters);
        PushControl(kind, parameters, results);
    }

    private void ValidateElse()
    {
        if (_controls[_controlCount - 1].Kind != Opcode.If)
            throw Error("else without a matching if");
        ControlFrame frame = PopControl();
        PushControl(Opcode.Else, frame.Parameters, frame.Results);
    }

    private void ValidateEnd()
    {
        ControlFrame frame = PopControl();
        // An if without else has an implicit empty else, which passes its parameters through as results.
        if (frame.Kind == Opcode.If && !frame.Parameters.SequenceEqual(frame.Results))
            throw Error($"type mismatch in if without else: parameters {TypeNames.Of(frame.Parameters)} must equal results {TypeNames.Of(frame.Results)}");
        PushAll(frame.Results);
    }

    /// <summary>0x40 (no values), one value type, or a type index (s33 ≥ 0) for multi-value blocks.</summary>
    private (IReadOnlyList<ValueType> Parameters, IReadOnlyList<ValueType> Results) ReadBlockType(ref WasmReader reader)
    {
        byte first = reader.PeekByte("block type");
        if (first == EmptyBlockType)
        {
            reader.ReadByte("block type");
            return (NoTypes, NoTypes);
        }

        if (first is >= (byte)ValueType.V128 and <= (byte)ValueType.I32 or (byte)ValueType.FuncRef or (byte)ValueType.ExternRef)
            return (NoTypes, SingleType(reader.ReadValueType("block type")));

        long index = reader.ReadVarInt33("block type");
        if (index < 0)
            throw Error($"malformed block type: expected 0x40, a value type or a type index, found 0x{first:x2}");
        if (index >= context.Types.Count)
            throw Error($"unknown type {index} in the block type of {_instruction}: the module defines {context.Types.Count} types");
        FunctionType type = context.Types[(int)index];
        return (type.Parameters, type.Results);
    }

    private static ValueType[] SingleType(ValueType type) => type switch
    {
        ValueType.I32 => JustI32,
        ValueType.I64 => JustI64,
        ValueType.F32 => JustF32,
        ValueType.F64 => JustF64,
        ValueType.FuncRef => JustFuncRef,
        _ => JustExternRef,
    };

    private int ReadLabelDepth(ref WasmReader reader)
    {
        uint depth = reader.ReadVarUInt32("label depth");
        if (depth >= (uint)_controlCount)
            throw Error($"unknown label {depth} in {_instruction}: only {_controlCount} enclosing blocks");
        return (int)depth;
    }

    private ref ControlFrame Label(int depth) => ref _controls[_controlCount - 1 - depth];

    /// <summary>
    /// Every target must take as many values as the default one, and the operands must suit each
    /// target's types. Checking a target does not change the stack, so each depth is checked once
    /// per instruction: a long table of repeated targets costs one check per distinct label.
    /// </summary>
    private void ValidateBrTable(ref WasmReader reader)
    {
        int count = reader.ReadCount("br_table targets", int.MaxValue, minBytesPerElement: 1);
        WasmReader targets = reader;
        for (int i = 0; i < count; i++)
            reader.ReadVarUInt32("br_table target");
        IReadOnlyList<ValueType> defaultTypes = LabelTypes(Label(ReadLabelDepth(ref reader)));
        Pop(ValueType.I32);

        if (_brTableChecked.Length < _controls.Length)
            _brTableChecked = new int[_controls.Length];
        int stamp = _instructionOffset + 1;
        for (int i = 0; i < count; i++)
        {
            int depth = ReadLabelDepth(ref targets);
            if (_brTableChecked[depth] == stamp)
                continue;
            _brTableChecked[depth] = stamp;
            IReadOnlyList<ValueType> types = LabelTypes(Label(depth));
            if (types.Count != defaultTypes.Count)
                throw Error($"type mismatch in br_table: target {i} takes {types.Count} values, the default target {defaultTypes.Count}");
            PopAndRestore(types);
        }

        PopAll(defaultTypes);
        MarkUnreachable();
    }
}
