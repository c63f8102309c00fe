namespace Hyperlight;

public enum WasmExportKind : byte
{
    Function,
    Table,
    Memory,
    Global,
}

/// <summary>
/// One export of the main module, for the untyped API: a function's parameter and result kinds, a
/// global's kind (one entry in <see cref="Results"/>) and mutability, a table's element kind (one
/// entry in <see cref="Results"/>); memories have none.
/// </summary>
public sealed record WasmExportInfo(string Name, WasmExportKind Kind, IReadOnlyList<CoreValueType> Parameters, IReadOnlyList<CoreValueType> Results, bool Mutable = false);
