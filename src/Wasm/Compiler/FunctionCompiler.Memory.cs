using Hyperlight.Wasm.Model;
using Iced.Intel;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>Linear-memory access with an explicit bounds check on every access, memory.size/grow and bulk memory.</summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>The Wasm page limit when the module declares no maximum (4 GiB / 64 KiB).</summary>
    private const long MaxPages = 65536;

    private static readonly (ValueType Type, int Width)[] LoadForms =
    [
        (ValueType.I32, 4), (ValueType.I64, 8), (ValueType.F32, 4), (ValueType.F64, 8),
        (ValueType.I32, 1), (ValueType.I32, 1), (ValueType.I32, 2), (ValueType.I32, 2),
        (ValueType.I64, 1), (ValueType.I64, 1), (ValueType.I64, 2), (ValueType.I64, 2),
        (ValueType.I64, 4), (ValueType.I64, 4),
    ];

    private static readonly int[] StoreWidths = [4, 8, 4, 8, 1, 2, 1, 2, 4];

    private AssemblerRegister64 ControlRegister => Q(CallingConvention.Control);

    private AssemblerMemoryOperand MemorySizeField => __qword_ptr[ControlRegister + _ctx.MemorySizeField];

    /// <summary>
    /// Checks [address + offset, +width) against the current memory size (64-bit arithmetic on the
    /// zero-extended address, so an i32 address plus a u32 offset cannot wrap) and returns the
    /// operand [R14 + address + offset]. The address is zero-extended into R11 first unless
    /// <paramref name="zeroExtended"/> (<see cref="IsZeroExtended"/>): a 64-bit address with a
    /// nonzero upper half could wrap past the check to just below the memory.
    /// </summary>
    private AssemblerMemoryOperand CheckedAddress(Gpr address, bool zeroExtended, uint offset, int width)
    {
        long end = (long)offset + width;
        var a = Q(address);
        if (!zeroExtended)
        {
            _asm.mov(r11d, D(address));
            a = r11;
        }
        if (end <= int.MaxValue)
        {
            _asm.lea(r10, __[a + (int)end]);
        }
        else
        {
            _asm.mov(r10, end);
            _asm.add(r10, a);
        }
        _asm.cmp(r10, MemorySizeField);
        _asm.ja(TrapSite(TrapKind.MemoryOutOfBounds));
        var memoryBase = Q(CallingConvention.MemoryBase);
        if (offset <= int.MaxValue)
            return __[memoryBase + a + (int)offset];
        _asm.mov(r10, (long)offset);
        _asm.add(r10, a);
        return __[memoryBase + r10];
    }

    private void Load(byte opcode)
    {
        _reader.ReadU32();
        uint offset = _reader.ReadU32();
        var (type, width) = LoadForms[opcode - 0x28];
        bool zeroExtended = IsZeroExtended(Peek());
        Gpr address = PopReadOnlyGpr();
        AssemblerMemoryOperand m = CheckedAddress(address, zeroExtended, offset, width);
        // The load reads the address before writing its result, which may take the address's register
        // (allocating it spills registers only, which leaves R10 and R11 alone).
        FreeGpr(address);
        if (StackEntry.IsFloat(type))
        {
            if (TryFoldLoadIntoOperator(type, m))
                return;
            int x = AllocateXmm();
            LoadFromMemory(x, type, m);
            PushXmm(type, x);
            return;
        }
        Gpr r = AllocateGpr();
        switch (opcode)
        {
            case 0x28 or 0x35: _asm.mov(D(r), __dword_ptr[m]); break;
            case 0x29: _asm.mov(Q(r), __qword_ptr[m]); break;
            case 0x2C: _asm.movsx(D(r), __byte_ptr[m]); break;
            case 0x2D or 0x31: _asm.movzx(D(r), __byte_ptr[m]); break;
            case 0x2E: _asm.movsx(D(r), __word_ptr[m]); break;
            case 0x2F or 0x33: _asm.movzx(D(r), __word_ptr[m]); break;
            case 0x30: _asm.movsx(Q(r), __byte_ptr[m]); break;
            case 0x32: _asm.movsx(Q(r), __word_ptr[m]); break;
            case 0x34: _asm.movsxd(Q(r), __dword_ptr[m]); break;
        }
        PushNarrowResult(type, r);
    }

    private void Store(byte opcode)
    {
        _reader.ReadU32();
        uint offset = _reader.ReadU32();
        int width = StoreWidths[opcode - 0x36];
        StackEntry value = Peek();
        bool immediate = value.Location == ValueLocation.Constant
            && (width <= 4 || value.Bits is >= int.MinValue and <= int.MaxValue);
        bool isFloat = StackEntry.IsFloat(value.Type);
        Gpr valueGpr = default;
        int valueXmm = 0;
        if (immediate)
            Pop();
        else if (isFloat)
            valueXmm = PopReadOnlyXmm();
        else
            valueGpr = PopReadOnlyGpr();

        bool zeroExtended = IsZeroExtended(Peek());
        Gpr address = PopReadOnlyGpr();
        AssemblerMemoryOperand m = CheckedAddress(address, zeroExtended, offset, width);
        FreeGpr(address);
        if (immediate)
        {
            int bits = unchecked((int)value.Bits);
            switch (width)
            {
                case 1: _asm.mov(__byte_ptr[m], (byte)bits); break;
                case 2: _asm.mov(__word_ptr[m], (short)bits); break;
                case 4: _asm.mov(__dword_ptr[m], bits); break;
                default: _asm.mov(__qword_ptr[m], bits); break;
            }
        }
        else if (isFloat)
        {
            if (width == 4)
                _asm.movss(__dword_ptr[m], X(valueXmm));
            else
                _asm.movsd(__qword_ptr[m], X(valueXmm));
            FreeXmm(valueXmm);
        }
        else
        {
            switch (width)
            {
                case 1: _asm.mov(__byte_ptr[m], B(valueGpr)); break;
                case 2: _asm.mov(__word_ptr[m], W(valueGpr)); break;
                case 4: _asm.mov(__dword_ptr[m], D(valueGpr)); break;
                default: _asm.mov(__qword_ptr[m], Q(valueGpr)); break;
            }
            FreeGpr(valueGpr);
        }
    }

    private void MemorySize()
    {
        Gpr r = AllocateGpr();
        _asm.mov(Q(r), MemorySizeField);
        _asm.shr(Q(r), 16);
        PushGpr(ValueType.I32, r);
    }

    /// <summary>Grows by the operand's pages unless that passes the declared maximum or the host's mapping (the memory's maximum field); −1 then.</summary>
    private void MemoryGrow()
    {
        long maxPages = Math.Min(_ctx.Memory!.Limits.Maximum ?? MaxPages, MaxPages);
        Gpr delta = PopGpr();
        Label fail = _asm.CreateLabel();
        Label done = _asm.CreateLabel();
        _asm.mov(r11, MemorySizeField);
        _asm.shr(r11, 16);
        _asm.mov(D(delta), D(delta));
        _asm.lea(r10, __[r11 + Q(delta)]);
        _asm.cmp(r10, (int)maxPages);
        _asm.ja(fail);
        _asm.shl(r10, 16);
        _asm.cmp(r10, __qword_ptr[ControlRegister + _ctx.MemoryMaximumField]);
        _asm.ja(fail);
        _asm.mov(MemorySizeField, r10);
        _asm.mov(D(delta), r11d);
        _asm.jmp(done);
        _asm.Bind(ref fail);
        _asm.mov(D(delta), -1);
        _asm.Bind(ref done);
        PushGpr(ValueType.I32, delta);
    }

    /// <summary>
    /// Pops (destination, source or fill value, count) into RDI, <paramref name="sourceRegister"/>,
    /// RCX: straight from each entry into its claimed register, which no entry occupies, so no other
    /// register is needed (with locals pinned, only one more may be allocatable). A local pinned to
    /// RDI goes to its slot meanwhile (<see cref="ReleaseBulkOperands"/> reloads it); RDI is loaded
    /// last, so the other operands may still read it.
    /// </summary>
    private void PopBulkOperands(Gpr sourceRegister = Gpr.Rsi)
    {
        if (_pinned.TryGetLocalIn(Gpr.Rdi, out uint local))
            SavePinnedLocal(local);
        else
            ClaimGpr(Gpr.Rdi);
        ClaimGpr(sourceRegister);
        ClaimGpr(Gpr.Rcx);
        LoadGpr(Gpr.Rcx, _stack[^1], Depth - 1);
        LoadGpr(sourceRegister, _stack[^2], Depth - 2);
        LoadGpr(Gpr.Rdi, _stack[^3], Depth - 3);
        Drop();
        Drop();
        Drop();
    }

    private void ReleaseBulkOperands(Gpr sourceRegister = Gpr.Rsi)
    {
        FreeGpr(Gpr.Rdi);
        FreeGpr(sourceRegister);
        FreeGpr(Gpr.Rcx);
        if (_pinned.TryGetLocalIn(Gpr.Rdi, out uint local))
            ReloadPinnedLocal(local);
    }

    private void MemoryCopy()
    {
        PopBulkOperands();
        BulkOperations.MemoryCopy(_asm, _ctx, TrapSite(TrapKind.MemoryOutOfBounds));
        ReleaseBulkOperands();
    }

    private void MemoryFill()
    {
        PopBulkOperands(Gpr.Rax);
        BulkOperations.MemoryFill(_asm, _ctx, TrapSite(TrapKind.MemoryOutOfBounds));
        ReleaseBulkOperands(Gpr.Rax);
    }

    private void MemoryInit(uint segment)
    {
        PopBulkOperands();
        BulkOperations.MemoryInit(_asm, _ctx, segment, TrapSite(TrapKind.MemoryOutOfBounds));
        ReleaseBulkOperands();
    }

    private void DataDrop(uint segment) =>
        _asm.mov(__qword_ptr[Q(CallingConvention.Instance) + _ctx.Layout.DataLengthOffset(segment)], 0);
}
