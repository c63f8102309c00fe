using Hyperlight.Wasm.Model;
using Iced.Intel;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Single-pass compiler for one function body (Liftoff/Winch style): it walks the validated
/// instructions once, tracks the value stack at compile time (constants, registers, spilled slots)
/// and emits x86-64 through Iced. Conventions: see <see cref="CallingConvention"/>.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private readonly ModuleContext _ctx;
    private readonly Assembler _asm;

    // Kept from one function to the next (each function resets them), so that compiling hundreds
    // of functions does not build hundreds of stacks, lists and per-local arrays.
    private readonly ControlStack _control = new();
    private readonly PinnedLocals _pinned = new();
    private ValueType[] _localTypes = [];

    // The function being compiled.
    private uint _functionIndex;
    private FunctionType _type = null!;
    private CodeReader _reader;
    private int _parameterCount;
    private int _declaredLocals;
    private Label _body;

    // Dead code after br/return/unreachable is skipped; nested blocks inside it are only counted.
    private bool _unreachable;
    private int _skippedBlocks;

    // Offset of the instruction being compiled, for trap records.
    private int _instructionOffset;

    // Largest outgoing argument/result area any call in this body needs, in slots.
    private int _outgoingSlots;

    /// <summary>A compiler for the defined functions of <paramref name="context"/>'s module, one after another.</summary>
    public FunctionCompiler(ModuleContext context)
    {
        _ctx = context;
        _asm = context.Asm;
    }

    /// <summary>Emits the body of defined function <paramref name="definedIndex"/>, then its prologue and trap stubs, which carries the entry label.</summary>
    public void Compile(int definedIndex)
    {
        Start(definedIndex);
        _body = _asm.CreateLabel();
        _asm.Bind(ref _body);
        LoadPinnedLocals();
        _control.Push(new ControlFrame
        {
            Kind = ControlKind.Function,
            Base = 0,
            Parameters = [],
            Results = _type.Results,
            Target = _asm.CreateLabel(),
            ReachableAtEntry = true,
        });
        while (_control.Count > 0)
        {
            _instructionOffset = _reader.ModuleOffset;
            byte opcode = _reader.ReadByte();
            if (_unreachable)
                SkipUnreachable(opcode);
            else
                CompileInstruction(opcode);
        }
        if (!_reader.AtEnd)
            throw new WasmCompileException("Instructions after the end of the function", _reader.ModuleOffset);
        EmitPrologue();
    }

    /// <summary>Resets the per-function state for the body of defined function <paramref name="definedIndex"/> and chooses its pinned locals.</summary>
    private void Start(int definedIndex)
    {
        _functionIndex = (uint)(_ctx.ImportedFunctionCount + definedIndex);
        _type = _ctx.FunctionTypes[_functionIndex];
        FunctionBody body = _ctx.Module.Bodies[definedIndex];
        _reader = new CodeReader(body.Code, body.CodeOffset);
        _parameterCount = _type.Parameters.Count;
        if (body.LocalCount > 50_000)
            throw new WasmCompileException($"Function {_functionIndex} declares {body.LocalCount} locals; at most 50000 are supported", body.CodeOffset);
        _declaredLocals = (int)body.LocalCount;
        int localCount = _parameterCount + _declaredLocals;
        if (_localTypes.Length < localCount)
            _localTypes = new ValueType[Math.Max(localCount, 2 * _localTypes.Length)];
        for (int i = 0; i < _parameterCount; i++)
            _localTypes[i] = _type.Parameters[i];
        int next = _parameterCount;
        for (int g = 0; g < body.Locals.Count; g++)
        {
            LocalGroup group = body.Locals[g];
            for (uint i = 0; i < group.Count; i++)
                _localTypes[next++] = CheckSupported(group.Type, body.CodeOffset);
        }
        _pinned.Choose(_reader, _localTypes.AsSpan(0, localCount));

        _control.Clear();
        _stack.Clear();
        _maxDepth = 0;
        _unreachable = false;
        _skippedBlocks = 0;
        _outgoingSlots = 0;
        ResetRegisters();
    }

    private static ValueType CheckSupported(ValueType type, int offset) =>
        type == ValueType.V128 ? throw new WasmCompileException("SIMD (v128) is not supported", offset) : type;

    private WasmCompileException Unsupported(string what) => new($"{what} is not supported", _instructionOffset);

    private Label TrapSite(TrapKind kind) => _ctx.Traps.Site(kind, _ctx.UnitFunction(_functionIndex), _instructionOffset);

    private void CompileInstruction(byte opcode)
    {
        switch (opcode)
        {
            case 0x00: EmitUnconditionalTrap(TrapKind.Unreachable); break;
            case 0x01: break;
            case 0x02: EnterBlock(ControlKind.Block); break;
            case 0x03: EnterBlock(ControlKind.Loop); break;
            case 0x04: EnterBlock(ControlKind.If); break;
            case 0x05: Else(); break;
            case 0x0B: End(); break;
            case 0x0C: Branch(_reader.ReadU32()); break;
            case 0x0D: BranchIf(_reader.ReadU32()); break;
            case 0x0E: BranchTable(); break;
            case 0x0F: Return(); break;
            case 0x10: Call(_reader.ReadU32()); break;
            case 0x11: CallIndirect(_reader.ReadU32(), _reader.ReadU32()); break;
            case 0x1A: Drop(); break;
            case 0x1B: Select(); break;
            case 0x1C:
                for (uint n = _reader.ReadU32(); n > 0; n--)
                    CheckSupported((ValueType)_reader.ReadByte(), _instructionOffset);
                Select();
                break;
            case 0x20: LocalGet(_reader.ReadU32()); break;
            case 0x21: LocalSet(_reader.ReadU32(), tee: false); break;
            case 0x22: LocalSet(_reader.ReadU32(), tee: true); break;
            case 0x23: GlobalGet(_reader.ReadU32()); break;
            case 0x24: GlobalSet(_reader.ReadU32()); break;
            case 0x25: TableGet(_reader.ReadU32()); break;
            case 0x26: TableSet(_reader.ReadU32()); break;
            case >= 0x28 and <= 0x35: Load(opcode); break;
            case >= 0x36 and <= 0x3E: Store(opcode); break;
            case 0x3F: _reader.ReadByte(); MemorySize(); break;
            case 0x40: _reader.ReadByte(); MemoryGrow(); break;
            case 0x41: PushConstant(ValueType.I32, _reader.ReadS32()); break;
            case 0x42: PushConstant(ValueType.I64, _reader.ReadS64()); break;
            case 0x43: PushConstant(ValueType.F32, _reader.ReadF32Bits()); break;
            case 0x44: PushConstant(ValueType.F64, unchecked((long)_reader.ReadF64Bits())); break;
            case 0x45: EqualZero(ValueType.I32); break;
            case >= 0x46 and <= 0x4F: IntegerCompare(ValueType.I32, opcode - 0x46); break;
            case 0x50: EqualZero(ValueType.I64); break;
            case >= 0x51 and <= 0x5A: IntegerCompare(ValueType.I64, opcode - 0x51); break;
            case >= 0x5B and <= 0x60: FloatCompare(ValueType.F32, opcode - 0x5B); break;
            case >= 0x61 and <= 0x66: FloatCompare(ValueType.F64, opcode - 0x61); break;
            case >= 0x67 and <= 0x78: IntegerOperator(ValueType.I32, opcode - 0x67); break;
            case >= 0x79 and <= 0x8A: IntegerOperator(ValueType.I64, opcode - 0x79); break;
            case >= 0x8B and <= 0x98: FloatOperator(ValueType.F32, opcode - 0x8B); break;
            case >= 0x99 and <= 0xA6: FloatOperator(ValueType.F64, opcode - 0x99); break;
            case >= 0xA7 and <= 0xC4: Conversion(opcode); break;
            case 0xD0: _reader.ReadByte(); PushConstant(ValueType.FuncRef, 0); break;
            case 0xD1: ReferenceIsNull(); break;
            case 0xD2: PushConstant(ValueType.FuncRef, (long)_ctx.FunctionReference(_reader.ReadU32())); break;
            case 0xFC: CompilePrefixed(_reader.ReadU32()); break;
            case 0xFD: throw Unsupported("SIMD (0xFD prefix)");
            default: throw Unsupported($"Opcode 0x{opcode:x2}");
        }
    }

    private void CompilePrefixed(uint opcode)
    {
        switch (opcode)
        {
            case <= 7: SaturatingTruncation(opcode); break;
            case 8: { uint segment = _reader.ReadU32(); _reader.ReadByte(); MemoryInit(segment); break; }
            case 9: DataDrop(_reader.ReadU32()); break;
            case 10: _reader.ReadByte(); _reader.ReadByte(); MemoryCopy(); break;
            case 11: _reader.ReadByte(); MemoryFill(); break;
            case 12: { uint segment = _reader.ReadU32(); TableInit(segment, _reader.ReadU32()); break; }
            case 13: ElementDrop(_reader.ReadU32()); break;
            case 14: { uint destination = _reader.ReadU32(); TableCopy(destination, _reader.ReadU32()); break; }
            case 15: TableGrow(_reader.ReadU32()); break;
            case 16: TableSize(_reader.ReadU32()); break;
            case 17: TableFill(_reader.ReadU32()); break;
            default: throw Unsupported($"Opcode 0xfc {opcode}");
        }
    }

    /// <summary>In dead code: follow block nesting and skip immediates until the end/else that makes code live again.</summary>
    private void SkipUnreachable(byte opcode)
    {
        switch (opcode)
        {
            case 0x02 or 0x03 or 0x04:
                _reader.ReadBlockType();
                _skippedBlocks++;
                return;
            case 0x05 when _skippedBlocks == 0:
                Else();
                return;
            case 0x0B when _skippedBlocks == 0:
                End();
                return;
            case 0x0B:
                _skippedBlocks--;
                return;
        }
        _reader.SkipImmediates(opcode);
    }
}
