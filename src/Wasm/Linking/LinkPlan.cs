using Hyperlight.Images;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Linking;

/// <summary>
/// How a set of modules and host definitions becomes one sandbox: the "unit" index spaces that the
/// compiled code uses. Every function, global and table of the unit gets one unit index; a module's
/// own index space maps onto it, so an import satisfied by another module is the very same entity
/// (one cell for a global, one table, one function entry, one memory). Each module uses at most one
/// linear memory (its own or an imported one); the unit may hold several.
/// </summary>
internal sealed class LinkPlan
{
    public List<LinkedModule> Modules { get; } = [];

    public List<UnitFunction> Functions { get; } = [];

    public List<UnitGlobal> Globals { get; } = [];

    public List<TableType> Tables { get; } = [];

    /// <summary>
    /// The unit's linear memories, defined by modules or by the host. Once linking is done
    /// (<see cref="PutMainMemoryFirst"/>), memory 0 is the main module's, the one the host sees.
    /// </summary>
    public List<UnitMemory> Memories { get; } = [];

    /// <summary>Import minimums that only the sizes reached at instantiation can tell, in instantiation order of their importers.</summary>
    public List<DeferredSizeCheck> SizeChecks { get; } = [];

    /// <summary>True when modules use different memories, so calls between them switch the memory base.</summary>
    public bool HasSeveralMemories => Memories.Count > 1;

    /// <summary>The module whose exports the host calls: the last one.</summary>
    public LinkedModule Main => Modules[^1];

    public int DataSegmentCount => Modules.Sum(m => m.Module.Data.Count);

    public int ElementSegmentCount => Modules.Sum(m => m.Module.Elements.Count);

    /// <summary>Adds a memory of the unit, defined or first imported by module <paramref name="linkedModule"/>, and returns its index.</summary>
    public int AddMemory(MemoryType type, object source, string linkedModule)
    {
        if (Memories.Count == ControlPage.MaxMemories)
            throw new WasmLinkException(linkedModule, $"brings the sandbox to more than {ControlPage.MaxMemories} linear memories, the most one sandbox holds");
        Memories.Add(new UnitMemory(type, source));
        return Memories.Count - 1;
    }

    /// <summary>
    /// Renumbers the memories so that the main module's is memory 0 (the host-visible one, whose
    /// descriptor is the control page's LinearMemory fields); without one, memory 0 stays the first.
    /// </summary>
    public void PutMainMemoryFirst()
    {
        if (Main.Memory is not int main || main == 0)
            return;
        (Memories[0], Memories[main]) = (Memories[main], Memories[0]);
        foreach (LinkedModule module in Modules)
            module.Memory = module.Memory == main ? 0 : module.Memory == 0 ? main : module.Memory;
    }
}

/// <summary>A linear memory of the unit and what defines it: a <see cref="LinkedModule"/> or a <see cref="WasmHostMemory"/>.</summary>
internal readonly record struct UnitMemory(MemoryType Type, object Source);

/// <summary>
/// A <see cref="GuestSizeCheck"/> and what it measures: module <see cref="Importer"/>'s memory, or
/// its table <see cref="TableIndex"/> (in the importer's index space, imports first).
/// </summary>
internal sealed record DeferredSizeCheck(LinkedModule Importer, uint TableIndex, GuestSizeCheck Check);

/// <summary>A function of the unit: defined in module <see cref="Module"/> (a body or, when <see cref="IsHostImport"/>, a thunk to the host) at <see cref="LocalIndex"/>.</summary>
internal readonly record struct UnitFunction(int Module, uint LocalIndex, bool IsHostImport);

/// <summary>A global cell of the unit and the value it starts with (its slot form).</summary>
internal readonly record struct UnitGlobal(GlobalType Type, ulong InitialBits);

/// <summary>One module of the unit and where its index spaces land in the unit's.</summary>
internal sealed class LinkedModule(int position, string name, WasmModule module)
{
    /// <summary>Place in instantiation order.</summary>
    public int Position { get; } = position;

    public string Name { get; } = name;

    public WasmModule Module { get; } = module;

    /// <summary>Unit index of each function, imports first.</summary>
    public uint[] Functions { get; } = new uint[module.ImportedFunctionCount + module.FunctionTypeIndices.Count];

    /// <summary>Unit index of each global, imports first.</summary>
    public uint[] Globals { get; } = new uint[module.ImportedGlobalCount + module.Globals.Count];

    /// <summary>Unit index of each table, imports first.</summary>
    public uint[] Tables { get; } = new uint[module.ImportedTableCount + module.Tables.Count];

    /// <summary>Unit index of the module's linear memory (defined or imported); null when it has none.</summary>
    public int? Memory { get; set; }

    /// <summary>Unit index of the first of this module's data segments (their length cells are consecutive).</summary>
    public int FirstDataSegment { get; init; }

    public int FirstElementSegment { get; init; }

    // Built at the first import from this module: a later module's imports look exports up by name.
    private Dictionary<string, Export>? _exportsByName;

    /// <summary>The export named <paramref name="name"/>, or null (export names are unique in a valid module).</summary>
    public Export? FindExport(string name) =>
        (_exportsByName ??= Module.Exports.ToDictionary(e => e.Name, StringComparer.Ordinal)).GetValueOrDefault(name);

    /// <summary>The signature of function <paramref name="function"/>, imports first.</summary>
    public FunctionType FunctionType(uint function)
    {
        int imported = Module.ImportedFunctionCount;
        uint typeIndex = function < imported
            ? Module.Imports.Where(i => i.Kind == ExternalKind.Function).ElementAt((int)function).FunctionTypeIndex
            : Module.FunctionTypeIndices[(int)function - imported];
        return Module.Types[(int)typeIndex];
    }

    /// <summary>The runtime form of <c>ref.func</c> for this module's function <paramref name="function"/>.</summary>
    public ulong FunctionReference(uint function) => Compiler.InstanceLayout.FunctionReference(Functions[function]);

    /// <summary>Value of a constant expression of this module, given the unit's globals resolved so far.</summary>
    public ulong Evaluate(ConstantExpression expression, IReadOnlyList<UnitGlobal> globals) => expression.Kind switch
    {
        ConstantKind.I32Const => (uint)expression.Value,
        ConstantKind.I64Const or ConstantKind.F32Const or ConstantKind.F64Const => expression.Value,
        ConstantKind.RefNull => 0,
        ConstantKind.RefFunc => FunctionReference((uint)expression.Value),
        ConstantKind.GlobalGet when expression.Value < (ulong)Globals.Length && Globals[expression.Value] < globals.Count =>
            globals[(int)Globals[expression.Value]].InitialBits,
        _ => throw new WasmCompileException($"Constant expression {expression.Kind} {expression.Value} is not supported", 0),
    };
}
