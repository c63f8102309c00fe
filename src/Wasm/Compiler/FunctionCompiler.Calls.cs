using Hyperlight.Wasm.Model;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>Direct and indirect calls in the internal calling convention.</summary>
internal sealed partial class FunctionCompiler
{
    private void Call(uint function)
    {
        FunctionType type = _ctx.FunctionTypes[function];
        PassArguments(type);
        SavePinnedLocals();
        _ctx.EmitCall(function, _ctx.MemoryIndex);
        ReloadPinnedLocals();
        TakeResults(type);
    }

    private void CallIndirect(uint typeIndex, uint table)
    {
        FunctionType type = _ctx.Module.Types[(int)typeIndex];
        Gpr index = PopGpr();
        PassArguments(type);
        SavePinnedLocals();

        var instance = Q(CallingConvention.Instance);
        int tableOffset = _ctx.Layout.TableOffset(table);
        _asm.mov(D(index), D(index));
        _asm.cmp(Q(index), __qword_ptr[instance + tableOffset]);
        _asm.jae(TrapSite(TrapKind.TableOutOfBounds));
        _asm.mov(r11, __qword_ptr[instance + (Q(index) * 8) + (tableOffset + 8)]);
        _asm.test(r11, r11);
        _asm.je(TrapSite(TrapKind.UninitializedElement));
        // References are function index + 1; descriptor f is 8 bytes {i32 entry offset, u32 type id}.
        _asm.lea(r10, __[_ctx.FunctionDescriptors]);
        _asm.cmp(__dword_ptr[r10 + (r11 * 8) - 4], unchecked((int)_ctx.TypeIds[typeIndex]));
        _asm.jne(TrapSite(TrapKind.IndirectCallTypeMismatch));
        _asm.movsxd(r11, __dword_ptr[r10 + (r11 * 8) - 8]);
        _asm.add(r11, r10);
        FreeGpr(index);
        _asm.call(r11);
        _ctx.Memories.AfterCall(_ctx.MemoryIndex, callee: null);
        ReloadPinnedLocals();
        TakeResults(type);
    }

    /// <summary>Spills live registers below the arguments and writes the arguments into the outgoing area.</summary>
    private void PassArguments(FunctionType type)
    {
        int count = type.Parameters.Count;
        _outgoingSlots = Math.Max(_outgoingSlots, Math.Max(count, type.Results.Count));
        int argumentsBase = Depth - count;
        for (int d = 0; d < argumentsBase; d++)
        {
            if (_stack[d].Location is ValueLocation.Gpr or ValueLocation.Xmm)
                Spill(d);
        }
        for (int k = 0; k < count; k++)
            StoreEntry(__[rsp + (8 * k)], _stack[argumentsBase + k], argumentsBase + k);
        for (int k = 0; k < count; k++)
            Drop();
    }

    /// <summary>Pushes result 0 from RAX/XMM0 and copies results 1.. from the outgoing area to their home slots.</summary>
    private void TakeResults(FunctionType type)
    {
        for (int k = 0; k < type.Results.Count; k++)
        {
            ValueType t = type.Results[k];
            if (k == 0)
            {
                if (StackEntry.IsFloat(t))
                {
                    ClaimXmm(0);
                    PushXmm(t, 0);
                }
                else
                {
                    ClaimGpr(Gpr.Rax);
                    PushGpr(t, Gpr.Rax);
                }
                continue;
            }
            _asm.mov(r11, __qword_ptr[rsp + (8 * k)]);
            _asm.mov(__qword_ptr[HomeSlot(Depth)], r11);
            Push(StackEntry.OnStack(t));
        }
    }
}
