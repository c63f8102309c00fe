namespace Hyperlight.Images;

/// <summary>
/// An import of a memory or table whose definition declares a smaller minimum than the import asks
/// for, but which an earlier start function may have grown: the spec matches the import against the
/// size at the moment module <see cref="Importer"/> is instantiated, so the guest's initialisation
/// compares that size with <see cref="RequiredMinimum"/> right before the module's own initialisation
/// and stops there if it is smaller (docs/abi.md, "A guest call").
/// </summary>
/// <param name="Importer">The module that imports it (its link name).</param>
/// <param name="ImportModule">The import's module name.</param>
/// <param name="ImportName">The import's field name.</param>
/// <param name="Kind">A memory (sizes in 64 KiB pages) or a table (sizes in elements).</param>
/// <param name="RequiredMinimum">The import's minimum.</param>
public sealed record GuestSizeCheck(string Importer, string ImportModule, string ImportName, GuestSizeCheckKind Kind, uint RequiredMinimum);

/// <summary>What a <see cref="GuestSizeCheck"/> measures.</summary>
public enum GuestSizeCheckKind : byte
{
    Memory,
    Table,
}
