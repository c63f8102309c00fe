namespace Hyperlight.Wasm.Model;

/// <summary>A run of locals of one type, as the binary format groups them.</summary>
public readonly record struct LocalGroup(uint Count, ValueType Type);

/// <summary>
/// The body of a defined function: its declared locals (parameters not included) and its
/// instruction bytes, ending with the final <c>end</c>. <see cref="CodeOffset"/> is the module
/// offset of the first instruction, so a position in <see cref="Code"/> maps back to the module.
/// </summary>
public sealed record FunctionBody(IReadOnlyList<LocalGroup> Locals, uint LocalCount, ReadOnlyMemory<byte> Code, int CodeOffset);
