using System.Buffers.Binary;
using Hyperlight.Wasm.Linking;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Layout of the instance-data region (<see cref="ControlPage.GlobalsBase"/>, pinned in R13) of a
/// whole link unit, in unit indices, and its initial contents: one 8-byte cell per global, then each
/// table (u64 current size, then 8-byte elements up to a fixed capacity), then the current length of
/// every module's data and element segments (zeroed by data.drop/elem.drop). All modules of a
/// sandbox share the region, which is how an imported global or table is the exporter's own. The
/// host restores the region with the rest of guest memory, so a reset sandbox gets its segments back.
/// </summary>
internal sealed class InstanceLayout
{
    /// <summary>Most elements a table may reach; the data region is sized for each table's capacity up front.</summary>
    public const uint MaxTableCapacity = 1 << 20;

    /// <summary>Headroom for table.grow on a table declared without a maximum.</summary>
    public const uint UnboundedTableHeadroom = 1024;

    private readonly int[] _globalOffsets;
    private readonly int[] _tableOffsets;
    private readonly uint[] _tableCapacities;
    private readonly int _dataLengthsOffset;
    private readonly int _elementLengthsOffset;

    public InstanceLayout(LinkPlan plan)
    {
        int offset = 0;
        _globalOffsets = new int[plan.Globals.Count];
        for (int i = 0; i < _globalOffsets.Length; i++, offset += 8)
            _globalOffsets[i] = offset;

        _tableOffsets = new int[plan.Tables.Count];
        _tableCapacities = new uint[plan.Tables.Count];
        for (int t = 0; t < plan.Tables.Count; t++)
        {
            Limits limits = plan.Tables[t].Limits;
            uint capacity = limits.Maximum ?? (uint)Math.Min((ulong)limits.Minimum + UnboundedTableHeadroom, MaxTableCapacity);
            capacity = Math.Min(capacity, MaxTableCapacity);
            if (limits.Minimum > capacity)
                throw new WasmCompileException($"Table {t} needs {limits.Minimum} elements; at most {MaxTableCapacity} are supported", 0);
            _tableOffsets[t] = offset;
            _tableCapacities[t] = capacity;
            offset += 8 + (int)(capacity * 8);
        }

        _dataLengthsOffset = offset;
        offset += 8 * plan.DataSegmentCount;
        _elementLengthsOffset = offset;
        offset += 8 * plan.ElementSegmentCount;
        Size = (offset + 15) & ~15;
        InitialData = BuildInitialData(plan);
    }

    public int Size { get; }

    public byte[] InitialData { get; }

    public int GlobalOffset(uint global) => _globalOffsets[global];

    /// <summary>Offset of the table's u64 current size; element i follows at +8 + 8i.</summary>
    public int TableOffset(uint table) => _tableOffsets[table];

    public uint TableCapacity(uint table) => _tableCapacities[table];

    public int DataLengthOffset(int segment) => _dataLengthsOffset + (8 * segment);

    public int ElementLengthOffset(int segment) => _elementLengthsOffset + (8 * segment);

    /// <summary>The runtime representation of a reference: 0 is null, a funcref is its unit function index + 1.</summary>
    public static ulong FunctionReference(uint unitFunction) => (ulong)unitFunction + 1;

    private byte[] BuildInitialData(LinkPlan plan)
    {
        var data = new byte[Size];
        for (int i = 0; i < plan.Globals.Count; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(_globalOffsets[i]), plan.Globals[i].InitialBits);
        for (int t = 0; t < plan.Tables.Count; t++)
            BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(_tableOffsets[t]), plan.Tables[t].Limits.Minimum);
        foreach (LinkedModule linked in plan.Modules)
        {
            WasmModule module = linked.Module;
            for (int s = 0; s < module.Data.Count; s++)
                BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(DataLengthOffset(linked.FirstDataSegment + s)), (ulong)module.Data[s].Bytes.Length);
            for (int s = 0; s < module.Elements.Count; s++)
            {
                // Declarative segments are dropped from the start (spec: instantiation drops them).
                ulong length = module.Elements[s].Mode == SegmentMode.Declarative ? 0 : (ulong)module.Elements[s].Items.Count;
                BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(ElementLengthOffset(linked.FirstElementSegment + s)), length);
            }
        }
        return data;
    }
}
