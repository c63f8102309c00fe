using Hyperlight.Wasm.Linking;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Keeps the memory base (R14) on the memory of the module whose code runs, in a unit whose modules
/// use several linear memories; in a unit with one memory it emits nothing, so such code is exactly
/// what it was before several memories existed.
///
/// The invariant: a function of a module with memory m is entered with R14 = base of m and returns
/// with it. A direct call knows both sides, so the caller loads the callee's base before a call into
/// another memory and reloads its own after any call that may have left another one (into another
/// memory, or into a module without memory, whose own calls load whatever their callees need).
/// call_indirect does not know its callee: the descriptor table points at an indirect entry that
/// loads the callee's base and jumps to it, and the caller reloads its own base afterwards. Code of a
/// module without memory never reads R14, so it neither needs nor keeps any base.
/// </summary>
internal sealed class MemorySwitch(LinkPlan plan, Assembler asm)
{
    private static AssemblerRegister64 MemoryBase => Registers.Q(CallingConvention.MemoryBase);

    private static AssemblerRegister64 Control => Registers.Q(CallingConvention.Control);

    /// <summary>The memory the code of unit function <paramref name="unitFunction"/> uses (a host thunk: its importer's); null for none.</summary>
    public int? MemoryOf(uint unitFunction) => plan.Modules[plan.Functions[(int)unitFunction].Module].Memory;

    /// <summary>Before a direct call from code on memory <paramref name="caller"/> (null: none) into code on <paramref name="callee"/>.</summary>
    public void BeforeCall(int? caller, int? callee)
    {
        if (callee is int memory && memory != caller)
            Enter(memory);
    }

    /// <summary>After a call from code on <paramref name="caller"/> into code on <paramref name="callee"/> (null: none, or unknown for call_indirect).</summary>
    public void AfterCall(int? caller, int? callee)
    {
        if (caller is int memory && memory != callee)
            Enter(memory);
    }

    /// <summary>Points R14 at memory <paramref name="memory"/> when the unit has several.</summary>
    public void Enter(int memory)
    {
        if (plan.HasSeveralMemories)
            asm.mov(MemoryBase, __qword_ptr[Control + ControlPage.MemoryBase(memory)]);
    }

    /// <summary>
    /// Where call_indirect enters each unit function (what the descriptor table points at): the
    /// function itself, or, in a unit with several memories, a stub that loads the base of the
    /// function's memory and jumps to it.
    /// </summary>
    public Label[] EmitIndirectEntries(Label[] functions)
    {
        if (!plan.HasSeveralMemories)
            return functions;
        var entries = new Label[functions.Length];
        for (int f = 0; f < functions.Length; f++)
        {
            if (MemoryOf((uint)f) is not int memory)
            {
                entries[f] = functions[f];
                continue;
            }
            entries[f] = asm.CreateLabel();
            asm.Bind(ref entries[f]);
            Enter(memory);
            asm.jmp(functions[f]);
        }
        return entries;
    }
}
