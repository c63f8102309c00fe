namespace Hyperlight.Images;

/// <summary>
/// A loadable micro-VM guest: position-independent x86-64 code plus what the host must know to lay
/// out memory, bind imports and exports, and explain traps. Produced by the Wasm compiler (or by
/// hand with Iced in tests); loaded identically by every driver (docs/abi.md, "Guest images").
/// </summary>
public sealed class GuestImage
{
    /// <summary>The function index that asks the dispatcher to run the module's initialisation (data/element segments, start function).</summary>
    public const uint InitializeFunctionIndex = uint.MaxValue;

    public required byte[] Code { get; init; }

    /// <summary>Offset in <see cref="Code"/> of the dispatcher, entered with RDI = control page address.</summary>
    public required int EntryOffset { get; init; }

    public IReadOnlyList<GuestExport> Exports { get; init; } = [];

    public IReadOnlyList<GuestImport> Imports { get; init; } = [];

    /// <summary>Bytes of the globals/tables/instance region (<see cref="ControlPage.GlobalsBase"/>) and its initial contents (shorter is zero-filled).</summary>
    public int DataRegionSize { get; init; }

    public byte[] InitialData { get; init; } = [];

    /// <summary>Linear memory 0 in 64 KiB pages (the one the host reads and writes); null when the guest has no memory.</summary>
    public uint? MemoryMinimumPages { get; init; }

    public uint? MemoryMaximumPages { get; init; }

    /// <summary>
    /// Linear memories 1.. of a guest whose linked modules own several (each module uses one); each gets
    /// its own region and guard, and its descriptor at <see cref="ControlPage.MemoryBase"/>(k). Only
    /// guest code and the host functions it imports (<see cref="GuestImport.Memory"/>) use them.
    /// </summary>
    public IReadOnlyList<GuestMemoryLimits> AdditionalMemories { get; init; } = [];

    /// <summary>Code offsets where a fault is an expected trap (guard-page bounds checks), sorted by offset.</summary>
    public IReadOnlyList<TrapSite> TrapSites { get; init; } = [];

    /// <summary>Names of Wasm functions by index, for trap messages.</summary>
    public IReadOnlyDictionary<uint, string> FunctionNames { get; init; } = new Dictionary<uint, string>();

    /// <summary>Exported globals of the main module: where each lives in the data region (<see cref="ControlPage.GlobalsBase"/>).</summary>
    public IReadOnlyList<GuestGlobal> Globals { get; init; } = [];

    /// <summary>Names under which the main module exports its linear memory (there is at most one).</summary>
    public IReadOnlyList<string> MemoryExports { get; init; } = [];

    /// <summary>Exported tables of the main module: where each lives in the data region, for the untyped API.</summary>
    public IReadOnlyList<GuestTable> Tables { get; init; } = [];

    /// <summary>
    /// Functions of the link unit (Wasm functions and host-import thunks). A funcref the guest hands
    /// out is a unit function index + 1, so any value above this count is not one the guest can make.
    /// </summary>
    public uint FunctionCount { get; init; }

    /// <summary>True when the image's initialisation must run once before the first call (see <see cref="InitializeFunctionIndex"/>).</summary>
    public bool NeedsInitialization { get; init; }

    /// <summary>
    /// Import matches that depend on how far earlier start functions grew a memory or table, run by
    /// the initialisation; a failed one is reported by its index here (docs/abi.md, "A guest call").
    /// </summary>
    public IReadOnlyList<GuestSizeCheck> SizeChecks { get; init; } = [];
}

/// <summary>A function callable from the host: frame function index <see cref="Index"/>, with its flattened core signature.</summary>
public sealed record GuestExport(string Name, uint Index, IReadOnlyList<CoreValueType> Parameters, IReadOnlyList<CoreValueType> Results);

/// <summary>An exported global: an 8-byte cell at <see cref="Offset"/> in the data region (i32/f32 in the low half; a reference as its slot value).</summary>
public sealed record GuestGlobal(string Name, int Offset, CoreValueType Type, bool Mutable)
{
    /// <summary>Whether the cell lies wholly inside a data region of <paramref name="dataRegionSize"/> bytes.</summary>
    public bool FitsIn(int dataRegionSize) => Offset >= 0 && (long)Offset + sizeof(ulong) <= dataRegionSize;
}

/// <summary>
/// An exported table: its u64 current size at <see cref="Offset"/> in the data region, then
/// <see cref="Capacity"/> 8-byte elements (a reference as its slot value). The guest writes both.
/// </summary>
public sealed record GuestTable(string Name, int Offset, uint Capacity, CoreValueType ElementType)
{
    /// <summary>Bytes the table takes in the data region: the size cell and every element cell.</summary>
    public long RegionBytes => sizeof(ulong) * (1 + (long)Capacity);

    /// <summary>Whether the size cell and every element cell lie inside a data region of <paramref name="dataRegionSize"/> bytes.</summary>
    public bool FitsIn(int dataRegionSize) => Offset >= 0 && Offset + RegionBytes <= dataRegionSize;
}

/// <summary>A host function the guest calls with frame function index <see cref="Index"/>, with its flattened core signature.</summary>
public sealed record GuestImport(string Module, string Name, uint Index, IReadOnlyList<CoreValueType> Parameters, IReadOnlyList<CoreValueType> Results)
{
    /// <summary>The linear memory its string and bytes arguments (pointer, length) lie in: the importing module's.</summary>
    public int Memory { get; init; }
}

/// <summary>Limits of one linear memory in 64 KiB pages; no maximum means up to 4 GiB.</summary>
public readonly record struct GuestMemoryLimits(uint MinimumPages, uint? MaximumPages);

/// <summary>A code offset whose fault means <see cref="Kind"/> in Wasm function <see cref="FunctionIndex"/> at module offset <see cref="WasmOffset"/>.</summary>
public readonly record struct TrapSite(int CodeOffset, TrapKind Kind, uint FunctionIndex, uint WasmOffset);
