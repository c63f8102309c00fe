namespace Hyperlight.Wasm.Model;

/// <summary>Size limits of a memory (in 64 KiB pages) or a table (in elements).</summary>
public readonly record struct Limits(uint Minimum, uint? Maximum);

public sealed record MemoryType(Limits Limits);

public sealed record TableType(ValueType ElementType, Limits Limits);

public sealed record GlobalType(ValueType Type, bool Mutable);
