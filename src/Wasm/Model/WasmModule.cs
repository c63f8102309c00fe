namespace Hyperlight.Wasm.Model;

/// <summary>
/// A decoded module, in the index spaces of the spec: functions, tables, memories and globals count
/// imports first, then definitions.
/// </summary>
public sealed class WasmModule
{
    public List<FunctionType> Types { get; } = [];

    public List<Import> Imports { get; } = [];

    /// <summary>Type index of each defined (non-imported) function.</summary>
    public List<uint> FunctionTypeIndices { get; } = [];

    public List<TableType> Tables { get; } = [];

    public List<MemoryType> Memories { get; } = [];

    public List<Global> Globals { get; } = [];

    public List<Export> Exports { get; } = [];

    public uint? StartFunction { get; set; }

    public List<ElementSegment> Elements { get; } = [];

    /// <summary>From the data count section, when present.</summary>
    public uint? DataCount { get; set; }

    public List<DataSegment> Data { get; } = [];

    /// <summary>One per defined function, in the same order as <see cref="FunctionTypeIndices"/>.</summary>
    public List<FunctionBody> Bodies { get; } = [];

    /// <summary>Function names from the custom <c>name</c> section, by function index.</summary>
    public Dictionary<uint, string> FunctionNames { get; } = [];

    /// <summary>Where each entity was decoded, for error messages of later phases.</summary>
    public ModuleOffsets Offsets { get; } = new();

    /// <summary>Byte size of the code section, for throughput figures.</summary>
    public int CodeSectionSize { get; set; }

    public int ImportedFunctionCount => Imports.Count(i => i.Kind == ExternalKind.Function);

    public int ImportedTableCount => Imports.Count(i => i.Kind == ExternalKind.Table);

    public int ImportedMemoryCount => Imports.Count(i => i.Kind == ExternalKind.Memory);

    public int ImportedGlobalCount => Imports.Count(i => i.Kind == ExternalKind.Global);
}
