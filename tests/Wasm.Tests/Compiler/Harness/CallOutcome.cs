namespace Hyperlight.Wasm.Tests.Compiler.Harness;

/// <summary>What a call did: its core results (raw bits, i32/f32 zero-extended) or the trap it raised.</summary>
internal sealed record CallOutcome(ulong[] Results, TrapKind? Trap)
{
    public static CallOutcome Returned(params ulong[] results) => new(results, null);

    public static CallOutcome Trapped(TrapKind kind) => new([], kind);

    public override string ToString() =>
        Trap is { } kind ? $"trap {kind}" : $"[{string.Join(", ", Results.Select(r => $"0x{r:x}"))}]";
}
