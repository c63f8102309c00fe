using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Out-of-line trap paths. A check jumps to a stub that writes the trap record (kind, Wasm function,
/// module offset, RIP) into the control page and jumps to [ctrl+TrapEntry] with RDI = ctrl, as the
/// guest protocol requires. Stubs are shared per (kind, function, offset) and emitted in a batch
/// after each function so the hot path only holds the conditional jump.
/// </summary>
internal sealed class TrapEmitter(Assembler asm)
{
    private readonly Dictionary<(TrapKind Kind, uint Function, uint Offset), Label> _pending = [];

    /// <summary>The label of the stub for a trap of <paramref name="kind"/> at <paramref name="wasmOffset"/> in <paramref name="function"/>.</summary>
    public Label Site(TrapKind kind, uint function, int wasmOffset)
    {
        var key = (kind, function, (uint)wasmOffset);
        if (!_pending.TryGetValue(key, out Label label))
        {
            label = asm.CreateLabel();
            _pending.Add(key, label);
        }
        return label;
    }

    /// <summary>Emits every stub requested since the last flush.</summary>
    public void Flush()
    {
        foreach (var ((kind, function, offset), label) in _pending)
        {
            Label here = label;
            asm.Bind(ref here);
            EmitTrap(asm, kind, function, offset, here);
        }
        _pending.Clear();
    }

    /// <summary>Writes the trap record and leaves through TrapEntry; <paramref name="site"/> is reported as the RIP.</summary>
    public static void EmitTrap(Assembler asm, TrapKind kind, uint function, uint wasmOffset, Label site)
    {
        var ctrl = Registers.Q(CallingConvention.Control);
        asm.mov(__dword_ptr[ctrl + ControlPage.TrapKindField], (int)kind);
        asm.mov(__dword_ptr[ctrl + ControlPage.TrapFunctionIndex], unchecked((int)function));
        asm.mov(__dword_ptr[ctrl + ControlPage.TrapCodeOffset], unchecked((int)wasmOffset));
        asm.lea(r11, __[site]);
        asm.mov(__qword_ptr[ctrl + ControlPage.TrapRip], r11);
        asm.mov(rdi, ctrl);
        asm.jmp(__qword_ptr[ctrl + ControlPage.TrapEntry]);
    }
}
