namespace Hyperlight.Wasm.Compiler.Emission;

/// <summary>
/// A displacement in the encoded code that must reach <see cref="Label"/>: <see cref="Width"/>
/// bytes (1 or 4) at <see cref="Position"/>, relative to <see cref="End"/> (the end of its instruction).
/// <see cref="Shortenable"/> names the forward branch written in its near form that
/// <see cref="BranchShortening"/> may turn into the short form, if it is one.
/// </summary>
internal record struct LabelReference(int Position, int End, ulong Label, byte Width, NearBranch Shortenable = NearBranch.None);

/// <summary>A near branch with a short form: JMP (E9 rel32, EB rel8) or Jcc (0F 8x rel32, 7x rel8).</summary>
internal enum NearBranch : byte
{
    None,
    Jmp,
    Jcc,
}
