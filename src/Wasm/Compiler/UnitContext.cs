using Hyperlight.Wasm.Linking;
using Hyperlight.Wasm.Model;
using Iced.Intel;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// What the compilation of a whole link unit shares: the assembler, one entry label per unit
/// function (where every module's calls to it land), canonical signature ids (so call_indirect
/// checks a function from any module against any module's type), the instance-data layout, trap
/// stubs, jump tables and the constant pool.
/// </summary>
internal sealed class UnitContext
{
    private readonly Dictionary<FunctionType, uint> _canonicalTypes = [];

    public UnitContext(LinkPlan plan, Assembler asm)
    {
        Plan = plan;
        Asm = asm;
        Layout = new InstanceLayout(plan);
        Traps = new TrapEmitter(asm);
        JumpTables = new JumpTables(asm);
        Constants = new ConstantPool(asm);
        Memories = new MemorySwitch(plan, asm);
        Functions = new Label[plan.Functions.Count];
        for (int i = 0; i < Functions.Length; i++)
            Functions[i] = asm.CreateLabel();
        FunctionDescriptors = asm.CreateLabel();
        Modules = [.. plan.Modules.Select(m => new ModuleContext(this, m))];
    }

    public LinkPlan Plan { get; }

    public Assembler Asm { get; }

    public InstanceLayout Layout { get; }

    public TrapEmitter Traps { get; }

    public JumpTables JumpTables { get; }

    public ConstantPool Constants { get; }

    public MemorySwitch Memories { get; }

    /// <summary>Entry label of every unit function, bound in place (so the descriptor table can be patched from the array).</summary>
    public Label[] Functions { get; }

    /// <summary>
    /// One 8-byte descriptor per unit function (relative offset of its indirect entry, see
    /// <see cref="MemorySwitch.EmitIndirectEntries"/>; canonical type id of its
    /// signature), indexed by unit function index: how call_indirect finds and checks its callee.
    /// </summary>
    public Label FunctionDescriptors { get; }

    /// <summary>Per module, in instantiation order; the last is the main module.</summary>
    public ModuleContext[] Modules { get; }

    public ModuleContext Main => Modules[^1];

    /// <summary>The id shared by every structurally equal signature in the unit.</summary>
    public uint TypeId(FunctionType type)
    {
        if (!_canonicalTypes.TryGetValue(type, out uint id))
            _canonicalTypes.Add(type, id = (uint)_canonicalTypes.Count);
        return id;
    }

    /// <summary>The canonical type id of each unit function, for the descriptor table.</summary>
    public uint[] FunctionTypeIds()
    {
        var ids = new uint[Functions.Length];
        for (int f = 0; f < ids.Length; f++)
        {
            UnitFunction function = Plan.Functions[f];
            ids[f] = Modules[function.Module].FunctionTypeIds[function.LocalIndex];
        }
        return ids;
    }
}
