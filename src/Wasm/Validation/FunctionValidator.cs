using Hyperlight.Wasm.Binary;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Validation;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>
/// Validates function bodies with the algorithm of the spec's validation appendix: an operand stack
/// of value types and a control stack of frames, where code after an unconditional branch has a
/// polymorphic stack (popping below the frame yields <see cref="Unknown"/>). This part holds the
/// two stacks; the instruction cases are in the other parts. One instance is reused for every body
/// of a module, so its buffers are allocated once and grow only with the input.
/// </summary>
internal sealed partial class FunctionValidator(ValidationContext context)
{
    /// <summary>A value of any type, from the polymorphic part of the stack.</summary>
    private const ValueType Unknown = 0;

    private static readonly ValueType[] NoTypes = [];

    private ValueType[] _operands = new ValueType[64];
    private int _operandCount;
    private ControlFrame[] _controls = new ControlFrame[16];
    private int _controlCount;
    private ValueType[] _locals = new ValueType[16];
    private int _localCount;
    private FunctionType _function = null!;
    private int _functionIndex;
    private int _maxOperandCount;
    private int _maxControlCount;

    /// <summary>Mnemonic and module offset of the instruction being checked, for error messages.</summary>
    private string _instruction = "";
    private int _instructionOffset;

    private struct ControlFrame
    {
        public Opcode Kind;
        public IReadOnlyList<ValueType> Parameters;
        public IReadOnlyList<ValueType> Results;

        /// <summary>Operand stack height when the frame was entered, after its parameters were popped.</summary>
        public int Height;

        /// <summary>Set after an unconditional branch: the rest of the frame's stack is polymorphic.</summary>
        public bool Unreachable;
    }

    public FunctionValidationInfo Validate(int functionIndex, FunctionType type, FunctionBody body)
    {
        _function = type;
        _functionIndex = functionIndex;
        _operandCount = _controlCount = _maxOperandCount = _maxControlCount = 0;
        _instruction = "function body";
        _instructionOffset = body.CodeOffset;
        DeclareLocals(type, body);

        var reader = new WasmReader(body.Code.Span, body.CodeOffset);
        PushControl(Opcode.Block, NoTypes, type.Results);
        while (_controlCount > 0)
        {
            _instructionOffset = reader.Offset;
            byte opcode = reader.ReadByte("an instruction or the end (0x0b) that closes the function body");
            ValidateInstruction(opcode, ref reader);
        }

        if (!reader.AtEnd)
            throw new WasmCompileException($"operators remaining after the end of function {functionIndex}: {reader.Remaining} bytes follow its final end", reader.Offset);
        return new FunctionValidationInfo(_maxOperandCount, _maxControlCount);
    }

    private void DeclareLocals(FunctionType type, FunctionBody body)
    {
        ulong total = (ulong)type.Parameters.Count;
        foreach (LocalGroup group in body.Locals)
            total += group.Count;
        if (total > WasmLimits.MaxLocals)
            throw Error($"too many locals: {total} parameters and locals, the limit is {WasmLimits.MaxLocals}");

        if (_locals.Length < (int)total)
            _locals = new ValueType[(int)total];
        _localCount = 0;
        foreach (ValueType parameter in type.Parameters)
            _locals[_localCount++] = parameter;
        foreach (LocalGroup group in body.Locals)
        {
            _locals.AsSpan(_localCount, (int)group.Count).Fill(group.Type);
            _localCount += (int)group.Count;
        }
    }

    private WasmCompileException Error(string message) =>
        new($"{message}, in function {_functionIndex}", _instructionOffset);

    private void Push(ValueType type)
    {
        if (_operandCount == _operands.Length)
        {
            if (_operandCount >= WasmLimits.MaxOperandStackDepth)
                throw Error($"operand stack too deep at {_instruction}: more than {WasmLimits.MaxOperandStackDepth} values");
            Array.Resize(ref _operands, Math.Min(_operands.Length * 2, WasmLimits.MaxOperandStackDepth));
        }

        _operands[_operandCount++] = type;
        if (_operandCount > _maxOperandCount)
            _maxOperandCount = _operandCount;
    }

    private void PushAll(IReadOnlyList<ValueType> types)
    {
        for (int i = 0; i < types.Count; i++)
            Push(types[i]);
    }

    /// <summary>Pops one operand, checking it against <paramref name="expected"/> unless that is <see cref="Unknown"/>.</summary>
    private ValueType Pop(ValueType expected = Unknown)
    {
        ref ControlFrame frame = ref _controls[_controlCount - 1];
        if (_operandCount == frame.Height)
        {
            if (frame.Unreachable)
                return Unknown;
            string wanted = expected == Unknown ? "an operand" : TypeNames.Of(expected);
            throw Error($"type mismatch in {_instruction}: expected {wanted}, but the operand stack of the enclosing block is empty");
        }

        ValueType actual = _operands[--_operandCount];
        if (actual != expected && actual != Unknown && expected != Unknown)
            throw Error($"type mismatch in {_instruction}: expected {TypeNames.Of(expected)}, found {TypeNames.Of(actual)}");
        return actual;
    }

    private void PopAll(IReadOnlyList<ValueType> types)
    {
        for (int i = types.Count - 1; i >= 0; i--)
            Pop(types[i]);
    }

    private void PushControl(Opcode kind, IReadOnlyList<ValueType> parameters, IReadOnlyList<ValueType> results)
    {
        if (_controlCount == _controls.Length)
        {
            if (_controlCount >= WasmLimits.MaxControlDepth)
                throw Error($"blocks nested too deeply at {_instruction}: more than {WasmLimits.MaxControlDepth} levels");
            Array.Resize(ref _controls, Math.Min(_controls.Length * 2, WasmLimits.MaxControlDepth));
        }

        _controls[_controlCount++] = new ControlFrame
        {
            Kind = kind,
            Parameters = parameters,
            Results = results,
            Height = _operandCount,
        };
        if (_controlCount > _maxControlCount)
            _maxControlCount = _controlCount;
        PushAll(parameters);
    }

    private ControlFrame PopControl()
    {
        ControlFrame frame = _controls[_controlCount - 1];
        PopAll(frame.Results);
        if (_operandCount != frame.Height)
            throw Error($"type mismatch in {_instruction}: the block leaves {_operandCount - frame.Height} more values on the stack than its result type {TypeNames.Of(frame.Results)}");
        _controlCount--;
        return frame;
    }

    private static IReadOnlyList<ValueType> LabelTypes(in ControlFrame frame) =>
        frame.Kind == Opcode.Loop ? frame.Parameters : frame.Results;

    /// <summary>Drops the current frame's operands and makes the rest of the frame polymorphic.</summary>
    private void MarkUnreachable()
    {
        ref ControlFrame frame = ref _controls[_controlCount - 1];
        _operandCount = frame.Height;
        frame.Unreachable = true;
    }
}
