using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Validation;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>Element and data segments: their targets, offsets and items.</summary>
internal sealed partial class ModuleValidator
{
    private ValueType[] CheckElements(TableType[] tables, ConstantExpressionChecker constants)
    {
        var types = new ValueType[module.Elements.Count];
        for (int i = 0; i < types.Length; i++)
        {
            ElementSegment segment = module.Elements[i];
            int offset = ModuleOffsets.At(_offsets.Elements, i);
            if (segment.Mode == SegmentMode.Active)
            {
                if (segment.TableIndex >= (uint)tables.Length)
                    throw new WasmCompileException($"unknown table {segment.TableIndex} in element segment {i}: the module has {tables.Length} tables", offset);
                ValueType tableType = tables[segment.TableIndex].ElementType;
                if (tableType != segment.ElementType)
                    throw new WasmCompileException($"type mismatch in element segment {i}: its items are {TypeNames.Of(segment.ElementType)}, table {segment.TableIndex} holds {TypeNames.Of(tableType)}", offset);
                constants.Check(RequireOffset(segment.Offset, offset), ValueType.I32, new ConstantSite("offset of element segment", i), offset);
            }

            for (int item = 0; item < segment.Items.Count; item++)
                constants.Check(segment.Items[item], segment.ElementType, new ConstantSite("element segment", i, item), offset);
            types[i] = segment.ElementType;
        }

        return types;
    }

    private void CheckData(bool hasMemory, ConstantExpressionChecker constants)
    {
        for (int i = 0; i < module.Data.Count; i++)
        {
            DataSegment segment = module.Data[i];
            if (segment.Mode != SegmentMode.Active)
                continue;
            int offset = ModuleOffsets.At(_offsets.Data, i);
            if (segment.MemoryIndex != 0 || !hasMemory)
                throw new WasmCompileException($"unknown memory {segment.MemoryIndex} in data segment {i}: the module has {(hasMemory ? 1 : 0)} memories", offset);
            constants.Check(RequireOffset(segment.Offset, offset), ValueType.I32, new ConstantSite("offset of data segment", i), offset);
        }
    }

    private static ConstantExpression RequireOffset(ConstantExpression? expression, int offset) =>
        expression ?? throw new WasmCompileException("an active segment needs an offset expression", offset);
}
