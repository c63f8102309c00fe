namespace Hyperlight.Wasm.Model;

/// <summary>
/// One import. Exactly one of <see cref="FunctionTypeIndex"/>, <see cref="Table"/>,
/// <see cref="Memory"/>, <see cref="Global"/> is set, as <see cref="Kind"/> says.
/// </summary>
public sealed record Import(string Module, string Name, ExternalKind Kind, uint FunctionTypeIndex = 0, TableType? Table = null, MemoryType? Memory = null, GlobalType? Global = null);

public sealed record Export(string Name, ExternalKind Kind, uint Index);
