using Hyperlight.Wasm.Model;
using Iced.Intel;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>Table instructions. A table is a u64 size followed by 8-byte references (0 = null, funcref = index + 1).</summary>
internal sealed partial class FunctionCompiler
{
    private AssemblerRegister64 InstanceRegister => Q(CallingConvention.Instance);

    private ValueType ElementType(uint table) => _ctx.TableTypes[table].ElementType;

    /// <summary>Zero-extends the index and traps unless it is below the table's current size.</summary>
    private void CheckTableIndex(Gpr index, uint table)
    {
        _asm.mov(D(index), D(index));
        _asm.cmp(Q(index), __qword_ptr[InstanceRegister + _ctx.Layout.TableOffset(table)]);
        _asm.jae(TrapSite(TrapKind.TableOutOfBounds));
    }

    private AssemblerMemoryOperand TableElement(Gpr index, uint table) =>
        __qword_ptr[InstanceRegister + (Q(index) * 8) + (_ctx.Layout.TableOffset(table) + 8)];

    private void TableGet(uint table)
    {
        Gpr index = PopGpr();
        CheckTableIndex(index, table);
        _asm.mov(Q(index), TableElement(index, table));
        PushGpr(ElementType(table), index);
    }

    private void TableSet(uint table)
    {
        Gpr value = PopReadOnlyGpr();
        Gpr index = PopGpr();
        CheckTableIndex(index, table);
        _asm.mov(TableElement(index, table), Q(value));
        FreeGpr(value);
        FreeGpr(index);
    }

    private void TableSize(uint table)
    {
        Gpr r = AllocateGpr();
        _asm.mov(Q(r), __qword_ptr[InstanceRegister + _ctx.Layout.TableOffset(table)]);
        PushGpr(ValueType.I32, r);
    }

    /// <summary>Grows within the capacity reserved in the instance data, filling new entries with the operand; −1 beyond it.</summary>
    private void TableGrow(uint table)
    {
        int offset = _ctx.Layout.TableOffset(table);
        Gpr count = PopGpr();
        Gpr value = PopGpr();
        Label fail = _asm.CreateLabel();
        Label fill = _asm.CreateLabel();
        Label filled = _asm.CreateLabel();
        Label done = _asm.CreateLabel();
        _asm.mov(D(count), D(count));
        _asm.mov(r11, __qword_ptr[InstanceRegister + offset]);
        _asm.lea(r10, __[r11 + Q(count)]);
        _asm.cmp(r10, unchecked((int)_ctx.Layout.TableCapacity(table)));
        _asm.ja(fail);
        _asm.mov(__qword_ptr[InstanceRegister + offset], r10);
        _asm.lea(r10, __[InstanceRegister + (r11 * 8) + (offset + 8)]);
        _asm.Bind(ref fill);
        _asm.test(Q(count), Q(count));
        _asm.je(filled);
        _asm.mov(__qword_ptr[r10], Q(value));
        _asm.add(r10, 8);
        _asm.dec(Q(count));
        _asm.jmp(fill);
        _asm.Bind(ref filled);
        _asm.mov(D(value), r11d);
        _asm.jmp(done);
        _asm.Bind(ref fail);
        _asm.mov(D(value), -1);
        _asm.Bind(ref done);
        FreeGpr(count);
        PushGpr(ValueType.I32, value);
    }

    private void TableFill(uint table)
    {
        PopBulkOperands(Gpr.Rax);
        BulkOperations.TableFill(_asm, _ctx, table, TrapSite(TrapKind.TableOutOfBounds));
        ReleaseBulkOperands(Gpr.Rax);
    }

    private void TableCopy(uint destination, uint source)
    {
        PopBulkOperands();
        BulkOperations.TableCopy(_asm, _ctx, destination, source, TrapSite(TrapKind.TableOutOfBounds));
        ReleaseBulkOperands();
    }

    private void TableInit(uint segment, uint table)
    {
        PopBulkOperands();
        BulkOperations.TableInit(_asm, _ctx, table, segment, TrapSite(TrapKind.TableOutOfBounds));
        ReleaseBulkOperands();
    }

    private void ElementDrop(uint segment) =>
        _asm.mov(__qword_ptr[InstanceRegister + _ctx.Layout.ElementLengthOffset(segment)], 0);
}
