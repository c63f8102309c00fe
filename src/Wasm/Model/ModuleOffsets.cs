namespace Hyperlight.Wasm.Model;

/// <summary>
/// Module byte offsets where the parser found each entity, index-aligned with the lists of
/// <see cref="WasmModule"/> (imports, defined functions, tables, …). Validation runs after decoding
/// and uses them so that its errors still point into the module. Empty for a module built in code;
/// errors then report offset 0.
/// </summary>
public sealed class ModuleOffsets
{
    public List<int> Imports { get; } = [];

    /// <summary>Function section entries, one per defined function.</summary>
    public List<int> Functions { get; } = [];

    public List<int> Tables { get; } = [];

    public List<int> Memories { get; } = [];

    public List<int> Globals { get; } = [];

    public List<int> Exports { get; } = [];

    public int Start { get; set; }

    public List<int> Elements { get; } = [];

    public List<int> Data { get; } = [];

    /// <summary>The offset at <paramref name="index"/> of <paramref name="offsets"/>, or 0 when it was not recorded.</summary>
    public static int At(List<int> offsets, int index) => index < offsets.Count ? offsets[index] : 0;
}
