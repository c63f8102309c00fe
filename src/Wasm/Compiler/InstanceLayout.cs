using System.Buffers.Binary;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Layout of the instance-data region (<see cref="ControlPage.GlobalsBase"/>, pinned in R13) and
/// its initial contents: one 8-byte cell per global, then each table (u64 current size, then
/// 8-byte elements up to a fixed capacity), then the current length of every data and element
/// segment (zeroed by data.drop/elem.drop). The host restores the region with the rest of guest
/// memory, so a reset sandbox gets its segments back.
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

    public InstanceLayout(WasmModule module)
    {
        int offset = 0;
        _globalOffsets = new int[module.Globals.Count];
        for (int i = 0; i < _globalOffsets.Length; i++, offset += 8)
            _globalOffsets[i] = offset;

        _tableOffsets = new int[module.Tables.Count];
        _tableCapacities = new uint[module.Tables.Count];
        for (int t = 0; t < module.Tables.Count; t++)
        {
            Limits limits = module.Tables[t].Limits;
            uint capacity = limits.Maximum ?? (uint)Math.Min((ulong)limits.Minimum + UnboundedTableHeadroom, MaxTableCapacity);
            capacity = Math.Min(capacity, MaxTableCapacity);
            if (limits.Minimum > capacity)
                throw new WasmCompileException($"Table {t} needs {limits.Minimum} elements; at most {MaxTableCapacity} are supported", 0);
            _tableOffsets[t] = offset;
            _tableCapacities[t] = capacity;
            offset += 8 + (int)(capacity * 8);
        }

        _dataLengthsOffset = offset;
        offset += 8 * module.Data.Count;
        _elementLengthsOffset = offset;
        offset += 8 * module.Elements.Count;
        Size = (offset + 15) & ~15;
        InitialData = BuildInitialData(module);
    }

    public int Size { get; }

    public byte[] InitialData { get; }

    public int GlobalOffset(uint global) => _globalOffsets[global];

    /// <summary>Offset of the table's u64 current size; element i follows at +8 + 8i.</summary>
    public int TableOffset(uint table) => _tableOffsets[table];

    public uint TableCapacity(uint table) => _tableCapacities[table];

    public int DataLengthOffset(uint segment) => _dataLengthsOffset + (8 * (int)segment);

    public int ElementLengthOffset(uint segment) => _elementLengthsOffset + (8 * (int)segment);

    /// <summary>The runtime representation of a reference: 0 is null, a funcref is its function index + 1.</summary>
    public static ulong FunctionReference(uint functionIndex) => (ulong)functionIndex + 1;

    private byte[] BuildInitialData(WasmModule module)
    {
        var data = new byte[Size];
        for (int i = 0; i < module.Globals.Count; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(_globalOffsets[i]), EvaluateConstant(module.Globals[i].Initializer, data));
        for (int t = 0; t < module.Tables.Count; t++)
            BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(_tableOffsets[t]), module.Tables[t].Limits.Minimum);
        for (int s = 0; s < module.Data.Count; s++)
            BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(DataLengthOffset((uint)s)), (ulong)module.Data[s].Bytes.Length);
        for (int s = 0; s < module.Elements.Count; s++)
        {
            // Declarative segments are dropped from the start (spec: instantiation drops them).
            ulong length = module.Elements[s].Mode == SegmentMode.Declarative ? 0 : (ulong)module.Elements[s].Items.Count;
            BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(ElementLengthOffset((uint)s)), length);
        }
        return data;
    }

    /// <summary>Value of a constant expression at instantiation; global.get reads an earlier global's initial value.</summary>
    public ulong EvaluateConstant(ConstantExpression expression, ReadOnlySpan<byte> initialData) => expression.Kind switch
    {
        ConstantKind.I32Const => (uint)expression.Value,
        ConstantKind.I64Const or ConstantKind.F32Const or ConstantKind.F64Const => expression.Value,
        ConstantKind.RefNull => 0,
        ConstantKind.RefFunc => FunctionReference((uint)expression.Value),
        ConstantKind.GlobalGet when expression.Value < (ulong)_globalOffsets.Length =>
            BinaryPrimitives.ReadUInt64LittleEndian(initialData[_globalOffsets[(int)expression.Value]..]),
        _ => throw new WasmCompileException($"Constant expression {expression.Kind} {expression.Value} is not supported", 0),
    };

    public ulong EvaluateConstant(ConstantExpression expression) => EvaluateConstant(expression, InitialData);
}
