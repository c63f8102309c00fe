using Hyperlight.Wasm.Linking;
using Hyperlight.Wasm.Model;
using Iced.Intel;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// One module's view of its <see cref="UnitContext"/>, in the module's own index spaces: what every
/// function compiler of the module shares. An imported function's entry is the exporter's function
/// (or the host thunk), an imported global's cell and an imported table are the exporter's.
/// </summary>
internal sealed class ModuleContext
{
    private readonly UnitContext _unit;
    private readonly LinkedModule _linked;

    public ModuleContext(UnitContext unit, LinkedModule linked)
    {
        _unit = unit;
        _linked = linked;
        WasmModule module = linked.Module;
        Module = module;
        Layout = new ModuleLayout(unit.Layout, unit.Plan, linked);
        ImportedFunctionCount = module.ImportedFunctionCount;
        Entries = new EntryLabels(unit.Functions, linked.Functions);
        TypeIds = [.. module.Types.Select(unit.TypeId)];
        uint[] typeIndices = FunctionTypeIndices(module);
        FunctionTypes = new FunctionType[typeIndices.Length];
        FunctionTypeIds = new uint[typeIndices.Length];
        for (int f = 0; f < typeIndices.Length; f++)
        {
            FunctionTypes[f] = module.Types[(int)typeIndices[f]];
            FunctionTypeIds[f] = TypeIds[typeIndices[f]];
        }
        DataSegments = CreateLabels(unit.Asm, module.Data.Count);
        ElementSegments = CreateLabels(unit.Asm, module.Elements.Count);
        GlobalTypes = [
            .. module.Imports.Where(i => i.Kind == ExternalKind.Global).Select(i => i.Global!),
            .. module.Globals.Select(g => g.Type),
        ];
        TableTypes = [.. linked.Tables.Select(t => unit.Plan.Tables[(int)t])];
        Realloc = FindRealloc(module, FunctionTypes);
    }

    public WasmModule Module { get; }

    public Assembler Asm => _unit.Asm;

    public ModuleLayout Layout { get; }

    public TrapEmitter Traps => _unit.Traps;

    public JumpTables JumpTables => _unit.JumpTables;

    public ConstantPool Constants => _unit.Constants;

    public int ImportedFunctionCount { get; }

    /// <summary>Signature of every function, imports first.</summary>
    public FunctionType[] FunctionTypes { get; }

    /// <summary>Entry label of every function of the module, by reference into the unit's labels.</summary>
    public EntryLabels Entries { get; }

    /// <summary>Canonical id of each type index: equal signatures share an id across the unit.</summary>
    public uint[] TypeIds { get; }

    /// <summary>Canonical id of every function's signature, imports first (from <see cref="TypeIds"/>, so no signature is hashed per function).</summary>
    public uint[] FunctionTypeIds { get; }

    /// <summary>Bytes of each data segment, placed in the code (read-only) for memory.init.</summary>
    public Label[] DataSegments { get; }

    /// <summary>Each element segment's items as 8-byte references, placed in the code for table.init.</summary>
    public Label[] ElementSegments { get; }

    /// <summary>Type of every global, imports first.</summary>
    public GlobalType[] GlobalTypes { get; }

    /// <summary>Type of every table, imports first (an imported table has its definition's limits).</summary>
    public TableType[] TableTypes { get; }

    /// <summary>Unit index of the module's linear memory, wherever it is defined; null when it has none.</summary>
    public int? MemoryIndex => _linked.Memory;

    /// <summary>The module's linear memory.</summary>
    public MemoryType? Memory => _linked.Memory is int memory ? _unit.Plan.Memories[memory].Type : null;

    /// <summary>Control-page offset of the module's memory size (memory 0's for a module without memory, whose code never reads it).</summary>
    public int MemorySizeField => ControlPage.MemorySize(_linked.Memory ?? 0);

    /// <summary>Control-page offset of the bytes mapped for the module's memory, which memory.grow may not pass.</summary>
    public int MemoryMaximumField => ControlPage.MemoryMaximum(_linked.Memory ?? 0);

    public MemorySwitch Memories => _unit.Memories;

    /// <summary>Function index of the module's cabi_realloc(old_ptr, old_size, align, new_size) → ptr, when exported with that signature: how strings and bytes reach its memory.</summary>
    public uint? Realloc { get; }

    /// <summary>See <see cref="UnitContext.FunctionDescriptors"/>.</summary>
    public Label FunctionDescriptors => _unit.FunctionDescriptors;

    /// <summary>The unit index of function <paramref name="function"/>: what trap records and function references carry.</summary>
    public uint UnitFunction(uint function) => _linked.Functions[function];

    /// <summary>
    /// Calls function <paramref name="function"/> from code whose memory base is <paramref name="callerMemory"/>
    /// (this module's code: <see cref="MemoryIndex"/>), switching the base around the call when the callee uses another memory.
    /// </summary>
    public void EmitCall(uint function, int? callerMemory)
    {
        int? callee = _unit.Memories.MemoryOf(UnitFunction(function));
        _unit.Memories.BeforeCall(callerMemory, callee);
        Asm.call(Entries[function]);
        _unit.Memories.AfterCall(callerMemory, callee);
    }

    /// <summary>
    /// The module whose code function <paramref name="function"/> runs (the exporter's, for a function
    /// this module imports from another; this module, for a host thunk): whose memory and allocator it uses.
    /// </summary>
    public ModuleContext Owner(uint function) => _unit.Modules[_unit.Plan.Functions[(int)UnitFunction(function)].Module];

    /// <summary>The runtime value of <c>ref.func</c> <paramref name="function"/>.</summary>
    public ulong FunctionReference(uint function) => _linked.FunctionReference(function);

    /// <summary>True when function <paramref name="function"/> is an import the host serves (it gets a thunk in this module).</summary>
    public bool IsHostImport(uint function) => _unit.Plan.Functions[(int)UnitFunction(function)] is { IsHostImport: true } f && f.Module == _linked.Position;

    private static readonly FunctionType ReallocType = new([ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I32], [ValueType.I32]);

    /// <summary>The type index of every function, imports first.</summary>
    private static uint[] FunctionTypeIndices(WasmModule module)
    {
        var indices = new uint[module.ImportedFunctionCount + module.FunctionTypeIndices.Count];
        int f = 0;
        foreach (Import import in module.Imports)
        {
            if (import.Kind == ExternalKind.Function)
                indices[f++] = import.FunctionTypeIndex;
        }
        module.FunctionTypeIndices.CopyTo(indices, f);
        return indices;
    }

    private static uint? FindRealloc(WasmModule module, FunctionType[] functionTypes)
    {
        foreach (Export export in module.Exports)
        {
            if (export.Kind == ExternalKind.Function && export.Name == "cabi_realloc")
                return functionTypes[export.Index].Equals(ReallocType) ? export.Index : null;
        }
        return null;
    }

    private static Label[] CreateLabels(Assembler asm, int count)
    {
        var labels = new Label[count];
        for (int i = 0; i < count; i++)
            labels[i] = asm.CreateLabel();
        return labels;
    }
}

/// <summary>A module's function index space over the unit's entry labels, by reference so that binding through it binds the unit's label.</summary>
internal readonly struct EntryLabels(Label[] unitLabels, uint[] unitIndices)
{
    public ref Label this[uint function] => ref unitLabels[unitIndices[function]];

    public ref Label this[int function] => ref unitLabels[unitIndices[function]];
}
