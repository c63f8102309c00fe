using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Binary;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>Decoders of the element and data sections with all of their encodings.</summary>
internal sealed partial class ModuleParser
{
    /// <summary>The only element kind of Wasm 2.0, in the function-index encodings: funcref.</summary>
    private const byte FunctionElementKind = 0x00;

    private void ReadElementSection(ref WasmReader reader)
    {
        int count = reader.ReadCount("element segments", WasmLimits.MaxElementSegments, minBytesPerElement: 2);
        _module.Elements.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            _module.Offsets.Elements.Add(reader.Offset);
            _module.Elements.Add(ReadElementSegment(ref reader));
        }
    }

    /// <summary>
    /// The eight encodings are three flag bits: bit 0 = not active, bit 1 = explicit table index
    /// (active) or declarative (not active), bit 2 = items are expressions instead of function indices.
    /// </summary>
    private ElementSegment ReadElementSegment(ref WasmReader reader)
    {
        int start = reader.Offset;
        uint flags = reader.ReadVarUInt32("element segment flags");
        if (flags > 7)
            throw WasmReader.Error($"malformed element segment flags: expected 0 to 7, found {flags}", start);
        bool active = (flags & 1) == 0;
        bool explicitTableOrDeclarative = (flags & 2) != 0;
        bool itemsAreExpressions = (flags & 4) != 0;

        SegmentMode mode = active ? SegmentMode.Active
            : explicitTableOrDeclarative ? SegmentMode.Declarative : SegmentMode.Passive;
        uint tableIndex = active && explicitTableOrDeclarative ? reader.ReadVarUInt32("table index of an element segment") : 0;
        ConstantExpression? offset = active ? ReadConstantExpression(ref reader, "element segment offset") : null;

        ValueType elementType = ValueType.FuncRef;
        if (!active || explicitTableOrDeclarative)
            elementType = itemsAreExpressions ? reader.ReadReferenceType("element segment type") : ReadElementKind(ref reader);

        ConstantExpression[] items = itemsAreExpressions
            ? ReadElementExpressions(ref reader)
            : ReadElementFunctionIndices(ref reader);
        return new ElementSegment(mode, tableIndex, offset, elementType, items);
    }

    private static ValueType ReadElementKind(ref WasmReader reader)
    {
        int start = reader.Offset;
        byte kind = reader.ReadByte("element kind");
        if (kind != FunctionElementKind)
            throw WasmReader.Error($"malformed element kind: expected 0x00 (funcref), found 0x{kind:x2}", start);
        return ValueType.FuncRef;
    }

    private static ConstantExpression[] ReadElementFunctionIndices(ref WasmReader reader)
    {
        int count = reader.ReadCount("element segment items", int.MaxValue, minBytesPerElement: 1);
        var items = new ConstantExpression[count];
        for (int i = 0; i < count; i++)
            items[i] = new ConstantExpression(ConstantKind.RefFunc, ValueType.FuncRef, reader.ReadVarUInt32("function index of an element segment item"));
        return items;
    }

    private ConstantExpression[] ReadElementExpressions(ref WasmReader reader)
    {
        int count = reader.ReadCount("element segment items", int.MaxValue, minBytesPerElement: 2);
        var items = new ConstantExpression[count];
        for (int i = 0; i < count; i++)
            items[i] = ReadConstantExpression(ref reader, "element segment item");
        return items;
    }

    private void ReadDataSection(ref WasmReader reader)
    {
        int start = reader.Offset;
        int count = reader.ReadCount("data segments", WasmLimits.MaxDataSegments, minBytesPerElement: 2);
        if (_module.DataCount is uint declared && declared != count)
            throw WasmReader.Error($"data count and data section have inconsistent lengths: the data count section declares {declared} segments, the data section has {count}", start);
        _sawDataSection = true;
        _module.Data.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            _module.Offsets.Data.Add(reader.Offset);
            _module.Data.Add(ReadDataSegment(ref reader));
        }
    }

    /// <summary>Encodings: 0 = active in memory 0, 1 = passive, 2 = active with an explicit memory index.</summary>
    private DataSegment ReadDataSegment(ref WasmReader reader)
    {
        int start = reader.Offset;
        uint flags = reader.ReadVarUInt32("data segment flags");
        if (flags > 2)
            throw WasmReader.Error($"malformed data segment flags: expected 0, 1 or 2, found {flags}", start);
        SegmentMode mode = flags == 1 ? SegmentMode.Passive : SegmentMode.Active;
        uint memoryIndex = flags == 2 ? reader.ReadVarUInt32("memory index of a data segment") : 0;
        ConstantExpression? offset = mode == SegmentMode.Active ? ReadConstantExpression(ref reader, "data segment offset") : null;

        int lengthOffset = reader.Offset;
        uint length = reader.ReadVarUInt32("length of a data segment");
        if (length > reader.Remaining)
            throw WasmReader.Error($"unexpected end: the data segment declares {length} bytes, but only {reader.Remaining} remain in the section", lengthOffset);
        int dataStart = reader.Offset;
        reader.ReadBytes((int)length, "data segment bytes");
        return new DataSegment(mode, memoryIndex, offset, _bytes.Slice(dataStart, (int)length));
    }
}
