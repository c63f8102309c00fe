using Hyperlight.Images;
using Hyperlight.Wasm.Model;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Linking;

/// <summary>
/// The spec's import matching (external-type subtyping, Wasm 2.0 §4.5.4 "Import matching"): a
/// function's type must be equal, a global's type and mutability equal, and a memory's or table's
/// limits must lie within the import's (at least its minimum; a maximum no larger than its maximum,
/// which then must exist). Each check returns the reason for a mismatch, or null. A memory's or
/// table's minimum is matched against its size when the importer is instantiated (§4.5.3), which an
/// earlier start function may have grown past the declared minimum.
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

    /// <param name="minimumMayHaveGrown">
    /// The definition may have grown since it was created (an earlier start function ran), so its
    /// declared minimum is not its size at instantiation: the minimum is left to a
    /// <see cref="Images.GuestSizeCheck"/> (<see cref="SizeReached"/>); the maximum never changes.
    /// </param>
    public static string? Memory(MemoryType imported, MemoryType provided, bool minimumMayHaveGrown) =>
        Limits(GuestSizeCheckKind.Memory, imported.Limits, provided.Limits, minimumMayHaveGrown);

    /// <inheritdoc cref="Memory"/>
    public static string? Table(TableType imported, TableType provided, bool minimumMayHaveGrown) =>
        imported.ElementType != provided.ElementType
            ? $"the import expects a table of {Describe(imported.ElementType)} but the definition holds {Describe(provided.ElementType)}"
            : Limits(GuestSizeCheckKind.Table, imported.Limits, provided.Limits, minimumMayHaveGrown);

    /// <summary>The mismatch when the memory or table reached only <paramref name="size"/> by the time its importer was instantiated.</summary>
    public static string? SizeReached(GuestSizeCheck check, ulong size) =>
        size >= check.RequiredMinimum
            ? null
            : $"the import needs a {What(check.Kind)} of at least {check.RequiredMinimum} {Unit(check.Kind)} but it had only {size} when module '{check.Importer}' was instantiated";

    private static string? Limits(GuestSizeCheckKind kind, Limits imported, Limits provided, bool minimumMayHaveGrown)
    {
        if (provided.Minimum < imported.Minimum && !minimumMayHaveGrown)
            return $"the import needs a {What(kind)} of at least {imported.Minimum} {Unit(kind)} but the definition has {provided.Minimum}";
        if (imported.Maximum is uint maximum && (provided.Maximum is not uint providedMaximum || providedMaximum > maximum))
            return $"the import allows a {What(kind)} of at most {maximum} {Unit(kind)} but the definition may grow to {provided.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any size"}";
        return null;
    }

    private static string What(GuestSizeCheckKind kind) => kind == GuestSizeCheckKind.Memory ? "memory" : "table";

    private static string Unit(GuestSizeCheckKind kind) => kind == GuestSizeCheckKind.Memory ? "pages" : "elements";

    public static string Describe(ValueType type) => type.ToString().ToLowerInvariant();

    public static string Describe(ExternalKind kind) => kind.ToString().ToLowerInvariant();
}
