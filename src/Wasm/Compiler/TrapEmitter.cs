using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Out-of-line trap paths of compiled functions. A check jumps to a two-instruction stub for its
/// site (kind, function, Wasm offset), emitted in a batch after each function so the hot path only
/// holds the conditional jump:
/// <code>
///   mov  r10, function &lt;&lt; 32 | wasmOffset
///   call common[kind]
/// </code>
/// The module has one common stub per trap kind, which writes the trap record into the control page
/// and jumps to [ctrl+TrapEntry] with RDI = ctrl, as the guest protocol requires. The return address
/// the CALL pushes is unique to the site and is reported as the RIP. Keeping the per-site part this
/// small matters for compile time (Iced's block encoder costs per instruction) and code size.
/// The CALL needs 8 bytes of stack, which every site has: a prologue only grows the frame after
/// checking for <see cref="CallingConvention.StackReserve"/> bytes beyond it, and the stub never returns.
/// </summary>
internal sealed class TrapEmitter(Assembler asm)
{
    private readonly Dictionary<(TrapKind Kind, uint Function, uint Offset), Label> _pending = [];
    private readonly Dictionary<TrapKind, Label> _common = [];

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

    /// <summary>Emits the site stubs requested since the last flush.</summary>
    public void Flush()
    {
        foreach (var ((kind, function, offset), label) in _pending)
        {
            Label here = label;
            asm.Bind(ref here);
            asm.mov(r10, unchecked((long)(((ulong)function << 32) | offset)));
            asm.call(Common(kind));
        }
        _pending.Clear();
    }

    /// <summary>Emits the common stub of every trap kind a site has used; once, after the last function.</summary>
    public void EmitCommonStubs()
    {
        var ctrl = Registers.Q(CallingConvention.Control);
        foreach (var (kind, label) in _common)
        {
            Label here = label;
            asm.Bind(ref here);
            asm.mov(__dword_ptr[ctrl + ControlPage.TrapKindField], (int)kind);
            asm.mov(__dword_ptr[ctrl + ControlPage.TrapCodeOffset], r10d);
            asm.shr(r10, 32);
            asm.mov(__dword_ptr[ctrl + ControlPage.TrapFunctionIndex], r10d);
            asm.pop(r11);
            asm.mov(__qword_ptr[ctrl + ControlPage.TrapRip], r11);
            asm.mov(rdi, ctrl);
            asm.jmp(__qword_ptr[ctrl + ControlPage.TrapEntry]);
        }
    }

    private Label Common(TrapKind kind)
    {
        if (!_common.TryGetValue(kind, out Label label))
        {
            label = asm.CreateLabel();
            _common.Add(kind, label);
        }
        return label;
    }

    /// <summary>A self-contained trap path (for glue code, which may run before any stack check): writes the trap record and leaves through TrapEntry; <paramref name="site"/> is reported as the RIP.</summary>
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
