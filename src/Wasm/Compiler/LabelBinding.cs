using Iced.Intel;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Iced allows one label per instruction, but Wasm often ends several blocks at the same place
/// (<c>end end</c>, an if without else). <see cref="Bind"/> emits a one-byte NOP only when two labels
/// would otherwise land on the same instruction. All label binding in the compiler goes through it.
/// </summary>
internal static class LabelBinding
{
    public static void Bind(this Assembler asm, ref Label label)
    {
        // The assembler's current label is one bound since the last instruction, waiting for the next.
        if (!asm.CurrentLabel.IsEmpty)
            asm.nop();
        asm.Label(ref label);
    }
}
