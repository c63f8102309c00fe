using Hyperlight.Wasm.Linking;
using Hyperlight.Wasm.Model;
using Iced.Intel;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// The instantiation routine the dispatcher runs for <see cref="Images.GuestImage.InitializeFunctionIndex"/>:
/// active element segments (table.init + elem.drop), then active data segments (memory.init +
/// data.drop), then the start function — the order of the spec, so a trap leaves the same partial
/// state as in any other engine.
/// </summary>
internal sealed class Initializer(ModuleContext ctx, GlueTraps traps)
{
    private readonly Assembler _asm = ctx.Asm;

    public static bool IsNeeded(LinkPlan plan) => plan.Modules.Any(m => IsNeeded(m.Module));

    private static bool IsNeeded(WasmModule module) =>
        module.StartFunction is not null
        || module.Elements.Any(e => e.Mode == SegmentMode.Active)
        || module.Data.Any(d => d.Mode == SegmentMode.Active);

    /// <summary>
    /// The unit's initialisation at <paramref name="entry"/>: each module's, in instantiation order,
    /// so a module's start function sees the modules before it fully instantiated. Each routine runs
    /// on its module's memory.
    /// </summary>
    public static void EmitUnit(UnitContext unit, GlueTraps traps, Label entry)
    {
        Assembler asm = unit.Asm;
        var routines = new List<(ModuleContext Module, Label Routine)>();
        foreach (ModuleContext module in unit.Modules.Where(m => IsNeeded(m.Module)))
        {
            Label routine = asm.CreateLabel();
            new Initializer(module, traps).Emit(routine);
            routines.Add((module, routine));
        }
        asm.Bind(ref entry);
        asm.push(rbp);
        asm.mov(rbp, rsp);
        foreach (var (module, routine) in routines)
        {
            if (module.MemoryIndex is int memory)
                unit.Memories.Enter(memory);
            asm.call(routine);
        }
        asm.pop(rbp);
        asm.ret();
    }

    private void Emit(Label entry)
    {
        WasmModule module = ctx.Module;
        Label tableTrap = traps.Add(TrapKind.TableOutOfBounds, GlueTraps.GlueFunction);
        Label memoryTrap = traps.Add(TrapKind.MemoryOutOfBounds, GlueTraps.GlueFunction);
        _asm.Bind(ref entry);
        _asm.push(rbp);
        _asm.mov(rbp, rsp);
        _asm.sub(rsp, 16);
        for (int s = 0; s < module.Elements.Count; s++)
        {
            ElementSegment segment = module.Elements[s];
            if (segment.Mode != SegmentMode.Active)
                continue;
            LoadOffset(segment.Offset!.Value);
            _asm.xor(esi, esi);
            _asm.mov(ecx, segment.Items.Count);
            BulkOperations.TableInit(_asm, ctx, segment.TableIndex, (uint)s, tableTrap);
            _asm.mov(__qword_ptr[Q(CallingConvention.Instance) + ctx.Layout.ElementLengthOffset((uint)s)], 0);
        }
        for (int s = 0; s < module.Data.Count; s++)
        {
            DataSegment segment = module.Data[s];
            if (segment.Mode != SegmentMode.Active)
                continue;
            LoadOffset(segment.Offset!.Value);
            _asm.xor(esi, esi);
            _asm.mov(ecx, segment.Bytes.Length);
            BulkOperations.MemoryInit(_asm, ctx, (uint)s, memoryTrap);
            _asm.mov(__qword_ptr[Q(CallingConvention.Instance) + ctx.Layout.DataLengthOffset((uint)s)], 0);
        }
        if (module.StartFunction is uint start)
            ctx.EmitCall(start, ctx.MemoryIndex);
        _asm.leave();
        _asm.ret();
    }

    /// <summary>A segment offset (i32.const or global.get) into EDI, zero-extended.</summary>
    private void LoadOffset(ConstantExpression offset)
    {
        if (offset.Kind == ConstantKind.GlobalGet)
            _asm.mov(edi, __dword_ptr[Q(CallingConvention.Instance) + ctx.Layout.GlobalOffset((uint)offset.Value)]);
        else
            _asm.mov(edi, unchecked((int)(uint)offset.Value));
    }
}
