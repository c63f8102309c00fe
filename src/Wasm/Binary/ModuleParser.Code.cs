using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Binary;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>Decoder of the code section: each body's local declarations; the instructions stay raw bytes.</summary>
internal sealed partial class ModuleParser
{
    private void ReadCodeSection(ref WasmReader reader)
    {
        _module.CodeSectionSize = reader.Remaining;
        int start = reader.Offset;
        int count = reader.ReadCount("function bodies", WasmLimits.MaxFunctions, minBytesPerElement: 3);
        if (count != _module.FunctionTypeIndices.Count)
            throw WasmReader.Error($"function and code section have inconsistent lengths: {_module.FunctionTypeIndices.Count} functions declared, {count} bodies in the code section", start);
        _sawCodeSection = true;
        _module.Bodies.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            int sizeOffset = reader.Offset;
            uint size = reader.ReadVarUInt32("function body size");
            if (size > WasmLimits.MaxFunctionBodyBytes)
                throw WasmReader.Error($"function body {i} is {size} bytes; the limit is {WasmLimits.MaxFunctionBodyBytes}", sizeOffset);
            if (size > reader.Remaining)
                throw WasmReader.Error($"unexpected end: function body {i} declares {size} bytes, but only {reader.Remaining} remain in the code section", sizeOffset);
            WasmReader body = reader.ReadSubReader((int)size, "function body");
            _module.Bodies.Add(ReadFunctionBody(ref body));
        }
    }

    private FunctionBody ReadFunctionBody(ref WasmReader body)
    {
        int groupCount = body.ReadCount("local declarations", WasmLimits.MaxLocals, minBytesPerElement: 2);
        var groups = new LocalGroup[groupCount];
        ulong total = 0;
        for (int i = 0; i < groupCount; i++)
        {
            int countOffset = body.Offset;
            uint count = body.ReadVarUInt32("number of locals");
            total += count;
            if (total > WasmLimits.MaxLocals)
                throw WasmReader.Error($"too many locals: at least {total} declared, the limit is {WasmLimits.MaxLocals}", countOffset);
            groups[i] = new LocalGroup(count, body.ReadValueType("local type"));
        }

        int codeOffset = body.Offset;
        return new FunctionBody(groups, (uint)total, _bytes.Slice(codeOffset, body.Remaining), codeOffset);
    }
}
