using Hyperlight.Wasm.Model;
using Iced.Intel;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>Locals, globals, drop and select.</summary>
internal sealed partial class FunctionCompiler
{
    private AssemblerMemoryOperand LocalSlot(uint local) =>
        local < _parameterCount
            ? __[rbp + CallingConvention.IncomingSlot((int)local)]
            : __[rbp - (8 * ((int)local - _parameterCount + 1))];

    private void LocalGet(uint local)
    {
        if (_pinned.TryGetRegister(local, out byte register))
            Push(StackEntry.PinnedLocal(_localTypes[local], register, local));
        else
            PushLoaded(_localTypes[local], LocalSlot(local));
    }

    /// <summary>Loads a value of <paramref name="type"/> from memory into a fresh register and pushes it.</summary>
    private void PushLoaded(ValueType type, AssemblerMemoryOperand m)
    {
        if (StackEntry.IsFloat(type))
        {
            int x = AllocateXmm();
            LoadFromMemory(x, type, m);
            PushXmm(type, x);
        }
        else
        {
            Gpr r = AllocateGpr();
            LoadFromMemory(r, type, m);
            PushGpr(type, r);
        }
    }

    private void LocalSet(uint local, bool tee)
    {
        if (_pinned.TryGetRegister(local, out _))
        {
            SetPinnedLocal(local, tee);
            return;
        }
        StoreEntry(LocalSlot(local), Peek(), Depth - 1);
        if (!tee)
            Drop();
    }

    private AssemblerMemoryOperand GlobalCell(uint global) => __[Q(CallingConvention.Instance) + _ctx.Layout.GlobalOffset(global)];

    private void GlobalGet(uint global) => PushLoaded(_ctx.GlobalTypes[global].Type, GlobalCell(global));

    private void GlobalSet(uint global)
    {
        StoreEntry(GlobalCell(global), Peek(), Depth - 1);
        Drop();
    }

    private void Select()
    {
        Gpr condition = PopReadOnlyGpr();
        if (StackEntry.IsFloat(Peek().Type))
        {
            ValueType type = Peek().Type;
            int second = PopReadOnlyXmm();
            int first = PopXmm();
            Label keep = _asm.CreateLabel();
            _asm.test(D(condition), D(condition));
            _asm.jne(keep);
            _asm.movaps(X(first), X(second));
            _asm.Bind(ref keep);
            FreeXmm(second);
            PushXmm(type, first);
        }
        else
        {
            ValueType type = Peek().Type;
            Gpr second = PopReadOnlyGpr();
            Gpr first = PopGpr();
            _asm.test(D(condition), D(condition));
            _asm.cmove(Q(first), Q(second));
            FreeGpr(second);
            PushGpr(type, first);
        }
        FreeGpr(condition);
    }

    private void ReferenceIsNull()
    {
        Gpr r = PopGpr();
        _asm.test(Q(r), Q(r));
        _asm.sete(B(r));
        _asm.movzx(D(r), B(r));
        PushGpr(ValueType.I32, r);
    }
}
