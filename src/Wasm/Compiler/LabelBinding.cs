using System.Runtime.CompilerServices;
using Iced.Intel;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Iced allows one label per instruction, but Wasm often ends several blocks at the same place
/// (<c>end end</c>, an if without else). <see cref="Bind"/> emits a one-byte NOP only when two labels
/// would otherwise land on the same instruction. All label binding in the compiler goes through it.
/// </summary>
internal static class LabelBinding
{
    private static readonly ConditionalWeakTable<Assembler, StrongBox<int>> LastBound = [];

    public static void Bind(this Assembler asm, ref Label label)
    {
        StrongBox<int> last = LastBound.GetOrCreateValue(asm);
        int position = asm.Instructions.Count;
        if (last.Value == position + 1)
            asm.nop();
        // Stored +1 so that the default 0 means "nothing bound yet".
        last.Value = asm.Instructions.Count + 1;
        asm.Label(ref label);
    }

    /// <summary>Forgets what was bound in <paramref name="asm"/>; call it after <see cref="Assembler.Reset"/>, which restarts the instruction count.</summary>
    public static void Forget(Assembler asm) => LastBound.Remove(asm);
}
