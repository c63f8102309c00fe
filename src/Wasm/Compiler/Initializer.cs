using Hyperlight.Images;
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

    public static bool IsNeeded(LinkPlan plan) => plan.SizeChecks.Count > 0 || plan.Modules.Any(m => IsNeeded(m.Module));

    private static bool IsNeeded(WasmModule module) =>
        module.StartFunction is not null
        || module.Elements.Any(e => e.Mode == SegmentMode.Active)
        || module.Data.Any(d => d.Mode == SegmentMode.Active);

    /// <summary>
    /// The unit's initialisation at <paramref name="entry"/>: each module's, in instantiation order,
    /// so a module's start function sees the modules before it fully instantiated. Each routine runs
    /// on its module's memory. Before a module's routine come its imports' size checks
    /// (<see cref="LinkPlan.SizeChecks"/>); the first that fails stops instantiation there, as the
    /// spec's does, and is reported in the frame. Returns in EAX the frame's slot count: 0, or 2
    /// after a failed check (slot 0 its index in <see cref="Images.GuestImage.SizeChecks"/>, slot 1
    /// the size reached).
    /// </summary>
    public static void EmitUnit(UnitContext unit, GlueTraps traps, Label entry)
    {
        Assembler asm = unit.Asm;
        var routines = new Label?[unit.Modules.Length];
        for (int m = 0; m < routines.Length; m++)
        {
            if (!IsNeeded(unit.Modules[m].Module))
                continue;
            Label routine = asm.CreateLabel();
            new Initializer(unit.Modules[m], traps).Emit(routine);
            routines[m] = routine;
        }
        Label failed = asm.CreateLabel();
        asm.Bind(ref entry);
        asm.push(rbp);
        asm.mov(rbp, rsp);
        for (int m = 0; m < routines.Length; m++)
        {
            ModuleContext module = unit.Modules[m];
            for (int c = 0; c < unit.Plan.SizeChecks.Count; c++)
            {
                if (unit.Plan.SizeChecks[c].Importer.Position == m)
                    EmitSizeCheck(module, unit.Plan.SizeChecks[c], c, failed);
            }
            if (routines[m] is not Label routine)
                continue;
            if (module.MemoryIndex is int memory)
                unit.Memories.Enter(memory);
            asm.call(routine);
        }
        asm.xor(eax, eax);
        asm.pop(rbp);
        asm.ret();

        asm.Bind(ref failed);
        asm.mov(rdx, __qword_ptr[Q(CallingConvention.Control) + ControlPage.CallFrameAddress]);
        asm.mov(__qword_ptr[rdx + CallFrameLayout.SlotsOffset], rcx);
        asm.mov(__qword_ptr[rdx + CallFrameLayout.SlotsOffset + 8], rax);
        asm.mov(eax, 2);
        asm.pop(rbp);
        asm.ret();
    }

    /// <summary>Jumps to <paramref name="failed"/> with ECX = <paramref name="index"/> and RAX = the size reached when it is below the import's minimum.</summary>
    private static void EmitSizeCheck(ModuleContext importer, DeferredSizeCheck check, int index, Label failed)
    {
        Assembler asm = importer.Asm;
        if (check.Check.Kind == GuestSizeCheckKind.Memory)
        {
            asm.mov(rax, __qword_ptr[Q(CallingConvention.Control) + importer.MemorySizeField]);
            asm.shr(rax, 16);
        }
        else
        {
            asm.mov(rax, __qword_ptr[Q(CallingConvention.Instance) + importer.Layout.TableOffset(check.TableIndex)]);
        }
        Label passed = asm.CreateLabel();
        asm.mov(ecx, unchecked((int)check.Check.RequiredMinimum));
        asm.cmp(rax, rcx);
        asm.jae(passed);
        asm.mov(ecx, index);
        asm.jmp(failed);
        asm.Bind(ref passed);
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
