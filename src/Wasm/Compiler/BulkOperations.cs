using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Bulk memory and table operations shared by compiled functions and the initialisation routine.
/// Operands arrive zero-extended in fixed registers: destination RDI, source RSI (or fill value
/// RAX), count RCX. Every range is checked before anything is written, as the spec requires.
/// Clobbers RDI, RSI, RCX, R10, R11 and the direction flag (restored).
/// </summary>
internal static class BulkOperations
{
    private static AssemblerRegister64 Control => Registers.Q(CallingConvention.Control);

    private static AssemblerRegister64 Instance => Registers.Q(CallingConvention.Instance);

    private static AssemblerRegister64 MemoryBase => Registers.Q(CallingConvention.MemoryBase);

    /// <summary>Traps unless <paramref name="start"/> + RCX ≤ <paramref name="limit"/> (64-bit, so no wrap-around).</summary>
    private static void CheckRange(Assembler asm, AssemblerRegister64 start, AssemblerMemoryOperand limit, Label trap)
    {
        asm.lea(r11, __[start + rcx]);
        asm.cmp(r11, __qword_ptr[limit]);
        asm.ja(trap);
    }

    private static AssemblerMemoryOperand MemorySize(ModuleContext ctx) => __[Control + ctx.MemorySizeField];

    public static void MemoryCopy(Assembler asm, ModuleContext ctx, Label trap)
    {
        CheckRange(asm, rsi, MemorySize(ctx), trap);
        CheckRange(asm, rdi, MemorySize(ctx), trap);
        asm.add(rsi, MemoryBase);
        asm.add(rdi, MemoryBase);
        Move(asm, elementSize: 1);
    }

    public static void MemoryFill(Assembler asm, ModuleContext ctx, Label trap)
    {
        CheckRange(asm, rdi, MemorySize(ctx), trap);
        asm.add(rdi, MemoryBase);
        asm.rep.stosb();
    }

    public static void MemoryInit(Assembler asm, ModuleContext ctx, uint segment, Label trap)
    {
        CheckRange(asm, rsi, __[Instance + ctx.Layout.DataLengthOffset(segment)], trap);
        CheckRange(asm, rdi, MemorySize(ctx), trap);
        asm.lea(r11, __[ctx.DataSegments[segment]]);
        asm.add(rsi, r11);
        asm.add(rdi, MemoryBase);
        asm.rep.movsb();
    }

    public static void TableCopy(Assembler asm, ModuleContext ctx, uint destinationTable, uint sourceTable, Label trap)
    {
        int destination = ctx.Layout.TableOffset(destinationTable);
        int source = ctx.Layout.TableOffset(sourceTable);
        CheckRange(asm, rsi, __[Instance + source], trap);
        CheckRange(asm, rdi, __[Instance + destination], trap);
        asm.lea(rsi, __[Instance + (rsi * 8) + (source + 8)]);
        asm.lea(rdi, __[Instance + (rdi * 8) + (destination + 8)]);
        Move(asm, elementSize: 8);
    }

    public static void TableInit(Assembler asm, ModuleContext ctx, uint table, uint segment, Label trap)
    {
        int offset = ctx.Layout.TableOffset(table);
        CheckRange(asm, rsi, __[Instance + ctx.Layout.ElementLengthOffset(segment)], trap);
        CheckRange(asm, rdi, __[Instance + offset], trap);
        asm.lea(r11, __[ctx.ElementSegments[segment]]);
        asm.lea(rsi, __[r11 + (rsi * 8)]);
        asm.lea(rdi, __[Instance + (rdi * 8) + (offset + 8)]);
        asm.rep.movsq();
    }

    /// <summary>Fills table entries [RDI, RDI+RCX) with RAX.</summary>
    public static void TableFill(Assembler asm, ModuleContext ctx, uint table, Label trap)
    {
        int offset = ctx.Layout.TableOffset(table);
        CheckRange(asm, rdi, __[Instance + offset], trap);
        asm.lea(rdi, __[Instance + (rdi * 8) + (offset + 8)]);
        asm.rep.stosq();
    }

    /// <summary>memmove of RCX elements from [RSI] to [RDI]: backwards when the destination overlaps the source's tail.</summary>
    private static void Move(Assembler asm, int elementSize)
    {
        Label forward = asm.CreateLabel();
        Label done = asm.CreateLabel();
        asm.cmp(rdi, rsi);
        asm.jbe(forward);
        asm.lea(r11, __[rsi + (rcx * elementSize)]);
        asm.cmp(rdi, r11);
        asm.jae(forward);
        asm.lea(rsi, __[rsi + (rcx * elementSize) - elementSize]);
        asm.lea(rdi, __[rdi + (rcx * elementSize) - elementSize]);
        asm.std();
        Repeat(asm, elementSize);
        asm.cld();
        asm.jmp(done);
        asm.Bind(ref forward);
        Repeat(asm, elementSize);
        asm.Bind(ref done);
    }

    private static void Repeat(Assembler asm, int elementSize)
    {
        if (elementSize == 1)
            asm.rep.movsb();
        else
            asm.rep.movsq();
    }
}
