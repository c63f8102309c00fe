using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Binary;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>Decoders of the sections that declare types, imports and the module's own entities.</summary>
internal sealed partial class ModuleParser
{
    private const byte FunctionTypeForm = 0x60;

    private void ReadTypeSection(ref WasmReader reader)
    {
        int count = reader.ReadCount("types", WasmLimits.MaxTypes, minBytesPerElement: 3);
        _module.Types.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            int start = reader.Offset;
            byte form = reader.ReadByte("function type (0x60)");
            if (form != FunctionTypeForm)
                throw WasmReader.Error($"malformed type {i}: expected a function type (0x60), found 0x{form:x2}", start);
            ValueType[] parameters = ReadValueTypes(ref reader, "parameter types", WasmLimits.MaxParameters);
            ValueType[] results = ReadValueTypes(ref reader, "result types", WasmLimits.MaxResults);
            _module.Types.Add(new FunctionType(parameters, results));
        }
    }

    private static ValueType[] ReadValueTypes(ref WasmReader reader, string what, int limit)
    {
        int count = reader.ReadCount(what, limit, minBytesPerElement: 1);
        var types = new ValueType[count];
        for (int i = 0; i < count; i++)
            types[i] = reader.ReadValueType(what);
        return types;
    }

    private void ReadImportSection(ref WasmReader reader)
    {
        int count = reader.ReadCount("imports", WasmLimits.MaxImports, minBytesPerElement: 4);
        _module.Imports.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            _module.Offsets.Imports.Add(reader.Offset);
            string module = reader.ReadName("import module name");
            string name = reader.ReadName("import name");
            int kindOffset = reader.Offset;
            byte kind = reader.ReadByte("import kind");
            Import import = kind switch
            {
                (byte)ExternalKind.Function => new Import(module, name, ExternalKind.Function, FunctionTypeIndex: reader.ReadVarUInt32("type index of an imported function")),
                (byte)ExternalKind.Table => new Import(module, name, ExternalKind.Table, Table: ReadTableType(ref reader)),
                (byte)ExternalKind.Memory => new Import(module, name, ExternalKind.Memory, Memory: ReadMemoryType(ref reader)),
                (byte)ExternalKind.Global => new Import(module, name, ExternalKind.Global, Global: ReadGlobalType(ref reader)),
                _ => throw WasmReader.Error($"malformed import kind: expected 0 (function), 1 (table), 2 (memory) or 3 (global), found 0x{kind:x2}", kindOffset),
            };
            _module.Imports.Add(import);
            if (import.Global is GlobalType global)
                _importedGlobalTypes.Add(global.Type);
        }
    }

    private void ReadFunctionSection(ref WasmReader reader)
    {
        int count = reader.ReadCount("functions", WasmLimits.MaxFunctions, minBytesPerElement: 1);
        _module.FunctionTypeIndices.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            _module.Offsets.Functions.Add(reader.Offset);
            _module.FunctionTypeIndices.Add(reader.ReadVarUInt32("type index of a function"));
        }
    }

    private void ReadTableSection(ref WasmReader reader)
    {
        int count = reader.ReadCount("tables", WasmLimits.MaxTables, minBytesPerElement: 3);
        for (int i = 0; i < count; i++)
        {
            _module.Offsets.Tables.Add(reader.Offset);
            _module.Tables.Add(ReadTableType(ref reader));
        }
    }

    private void ReadMemorySection(ref WasmReader reader)
    {
        int count = reader.ReadCount("memories", WasmLimits.MaxMemories, minBytesPerElement: 2);
        for (int i = 0; i < count; i++)
        {
            _module.Offsets.Memories.Add(reader.Offset);
            _module.Memories.Add(ReadMemoryType(ref reader));
        }
    }

    private void ReadGlobalSection(ref WasmReader reader)
    {
        int count = reader.ReadCount("globals", WasmLimits.MaxGlobals, minBytesPerElement: 4);
        _module.Globals.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            _module.Offsets.Globals.Add(reader.Offset);
            GlobalType type = ReadGlobalType(ref reader);
            ConstantExpression initializer = ReadConstantExpression(ref reader, "global initializer");
            _module.Globals.Add(new Global(type, initializer));
        }
    }

    private void ReadExportSection(ref WasmReader reader)
    {
        int count = reader.ReadCount("exports", WasmLimits.MaxExports, minBytesPerElement: 3);
        _module.Exports.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            _module.Offsets.Exports.Add(reader.Offset);
            string name = reader.ReadName("export name");
            int kindOffset = reader.Offset;
            byte kind = reader.ReadByte("export kind");
            if (kind > (byte)ExternalKind.Global)
                throw WasmReader.Error($"malformed export kind: expected 0 (function), 1 (table), 2 (memory) or 3 (global), found 0x{kind:x2}", kindOffset);
            _module.Exports.Add(new Export(name, (ExternalKind)kind, reader.ReadVarUInt32("export index")));
        }
    }

    private void ReadDataCountSection(ref WasmReader reader)
    {
        int start = reader.Offset;
        uint count = reader.ReadVarUInt32("data segment count");
        if (count > WasmLimits.MaxDataSegments)
            throw WasmReader.Error($"too many data segments: the data count section declares {count}, the limit is {WasmLimits.MaxDataSegments}", start);
        _module.DataCount = count;
    }

    private static TableType ReadTableType(ref WasmReader reader)
    {
        ValueType elementType = reader.ReadReferenceType("table element type");
        return new TableType(elementType, ReadLimits(ref reader, "table"));
    }

    /// <summary>Limits flags 0x02 and 0x03 mark a shared memory, which belongs to the threads proposal.</summary>
    private static MemoryType ReadMemoryType(ref WasmReader reader)
    {
        if (reader.PeekByte("memory limits flags") is 0x02 or 0x03)
            throw reader.Error("shared memories (threads) are not supported");
        return new MemoryType(ReadLimits(ref reader, "memory"));
    }

    private static Limits ReadLimits(ref WasmReader reader, string owner)
    {
        int start = reader.Offset;
        byte flags = reader.ReadByte("limits flags");
        if (flags > 0x01)
            throw WasmReader.Error($"malformed {owner} limits flags: expected 0x00 (minimum only) or 0x01 (minimum and maximum), found 0x{flags:x2}", start);
        uint minimum = reader.ReadVarUInt32("minimum size");
        uint? maximum = flags == 0x01 ? reader.ReadVarUInt32("maximum size") : null;
        return new Limits(minimum, maximum);
    }

    private static GlobalType ReadGlobalType(ref WasmReader reader)
    {
        ValueType type = reader.ReadValueType("global type");
        int start = reader.Offset;
        byte mutability = reader.ReadByte("global mutability");
        if (mutability > 1)
            throw WasmReader.Error($"malformed mutability: expected 0x00 (const) or 0x01 (var), found 0x{mutability:x2}", start);
        return new GlobalType(type, mutability == 1);
    }
}
