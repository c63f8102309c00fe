using Hyperlight.Wasm.Model;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Linking;

/// <summary>
/// The spec's import matching (external-type subtyping, Wasm 2.0 §4.5.4 "Import matching"): a
/// function's type must be equal, a global's type and mutability equal, and a memory's or table's
/// limits must lie within the import's (at least its minimum; a maximum no larger than its maximum,
/// which then must exist). Each check returns the reason for a mismatch, or null.
/// </summary>
internal static class LinkChecks
{
    public static string? Function(FunctionType imported, FunctionType provided) =>
        imported.Equals(provided) ? null : $"the import expects a function {imported} but the definition is {provided}";

    public static string? Global(GlobalType imported, GlobalType provided)
    {
        if (imported.Type != provided.Type)
            return $"the import expects a global of type {Describe(imported.Type)} but the definition is {Describe(provided.Type)}";
        if (imported.Mutable != provided.Mutable)
            return $"the import expects {(imported.Mutable ? "a mutable" : "an immutable")} global but the definition is {(provided.Mutable ? "mutable" : "immutable")}";
        return null;
    }

    public static string? Memory(MemoryType imported, MemoryType provided) => Limits("memory", "pages", imported.Limits, provided.Limits);

    public static string? Table(TableType imported, TableType provided) =>
        imported.ElementType != provided.ElementType
            ? $"the import expects a table of {Describe(imported.ElementType)} but the definition holds {Describe(provided.ElementType)}"
            : Limits("table", "elements", imported.Limits, provided.Limits);

    private static string? Limits(string what, string unit, Limits imported, Limits provided)
    {
        if (provided.Minimum < imported.Minimum)
            return $"the import needs a {what} of at least {imported.Minimum} {unit} but the definition has {provided.Minimum}";
        if (imported.Maximum is uint maximum && (provided.Maximum is not uint providedMaximum || providedMaximum > maximum))
            return $"the import allows a {what} of at most {maximum} {unit} but the definition may grow to {provided.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any size"}";
        return null;
    }

    public static string Describe(ValueType type) => type.ToString().ToLowerInvariant();

    public static string Describe(ExternalKind kind) => kind.ToString().ToLowerInvariant();
}
