using Iced.Intel;

namespace Hyperlight.Wasm.Compiler;

/// <summary>Trap paths of the guest-side glue (dispatcher, staging, thunks), which belong to no Wasm function.</summary>
internal sealed class GlueTraps
{
    /// <summary>Function index reported for traps raised by glue code.</summary>
    public const uint GlueFunction = uint.MaxValue;

    private readonly Assembler _asm;
    private readonly List<(Label Label, TrapKind Kind, uint Function)> _traps = [];

    public GlueTraps(Assembler asm)
    {
        _asm = asm;
        ProtocolViolation = Add(TrapKind.ProtocolViolation, GlueFunction);
        StackExhausted = Add(TrapKind.CallStackExhausted, GlueFunction);
    }

    /// <summary>The guest broke the call protocol: bad slot, bad pointer/length, result too large.</summary>
    public Label ProtocolViolation { get; }

    public Label StackExhausted { get; }

    public Label Add(TrapKind kind, uint function)
    {
        Label label = _asm.CreateLabel();
        _traps.Add((label, kind, function));
        return label;
    }

    public void Emit()
    {
        foreach (var (label, kind, function) in _traps)
        {
            Label here = label;
            _asm.Bind(ref here);
            TrapEmitter.EmitTrap(_asm, kind, function, 0, here);
        }
    }
}
