using Hyperlight.Wasm.Model;
using Iced.Intel;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// What every function compiler shares: the assembler, the module, entry labels of all functions
/// (imports point at their thunks), canonical type ids for call_indirect, the instance-data layout
/// and the labels of segment data embedded in the code.
/// </summary>
internal sealed class ModuleContext
{
    private readonly uint[] _functionTypeIndices;

    public ModuleContext(WasmModule module, Assembler asm)
    {
        Module = module;
        Asm = asm;
        Layout = new InstanceLayout(module);
        Traps = new TrapEmitter(asm);
        JumpTables = new JumpTables(asm);
        Constants = new ConstantPool(asm);
        ImportedFunctionCount = module.ImportedFunctionCount;
        int functionCount = ImportedFunctionCount + module.FunctionTypeIndices.Count;
        _functionTypeIndices = [
            .. module.Imports.Where(i => i.Kind == ExternalKind.Function).Select(i => i.FunctionTypeIndex),
            .. module.FunctionTypeIndices,
        ];
        FunctionTypes = [.. _functionTypeIndices.Select(t => module.Types[(int)t])];

        Entries = new Label[functionCount];
        for (int i = 0; i < functionCount; i++)
            Entries[i] = asm.CreateLabel();

        var canonical = new Dictionary<FunctionType, uint>();
        TypeIds = new uint[module.Types.Count];
        for (int i = 0; i < module.Types.Count; i++)
        {
            if (!canonical.TryGetValue(module.Types[i], out uint id))
                canonical.Add(module.Types[i], id = (uint)canonical.Count);
            TypeIds[i] = id;
        }

        DataSegments = new Label[module.Data.Count];
        for (int i = 0; i < DataSegments.Length; i++)
            DataSegments[i] = asm.CreateLabel();
        ElementSegments = new Label[module.Elements.Count];
        for (int i = 0; i < ElementSegments.Length; i++)
            ElementSegments[i] = asm.CreateLabel();
        FunctionDescriptors = asm.CreateLabel();
    }

    public WasmModule Module { get; }

    public Assembler Asm { get; }

    public InstanceLayout Layout { get; }

    public TrapEmitter Traps { get; }

    public JumpTables JumpTables { get; }

    public ConstantPool Constants { get; }

    public int ImportedFunctionCount { get; }

    /// <summary>Signature of every function, imports first.</summary>
    public FunctionType[] FunctionTypes { get; }

    /// <summary>Entry label of every function (an import's is its thunk). Bound in place, so the array can be patched from.</summary>
    public Label[] Entries { get; }

    /// <summary>Canonical id of each type index: equal signatures share an id.</summary>
    public uint[] TypeIds { get; }

    /// <summary>Bytes of each data segment, placed in the code (read-only) for memory.init.</summary>
    public Label[] DataSegments { get; }

    /// <summary>Each element segment's items as 8-byte references, placed in the code for table.init.</summary>
    public Label[] ElementSegments { get; }

    /// <summary>
    /// One 8-byte descriptor per function (relative offset of its entry, canonical type id of its
    /// signature), indexed by function index: how call_indirect finds and checks its callee.
    /// </summary>
    public Label FunctionDescriptors { get; }

    public uint TypeIdOfFunction(int function) => TypeIds[_functionTypeIndices[function]];
}
