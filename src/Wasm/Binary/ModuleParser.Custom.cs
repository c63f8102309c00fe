namespace Hyperlight.Wasm.Binary;

/// <summary>
/// Custom sections: the name must be valid UTF-8 and fit in the section (that much is binding).
/// Their contents are not; only the <c>name</c> section's function names are read, and a malformed
/// name section is ignored, as engines do, because it only ever serves diagnostics.
/// </summary>
internal sealed partial class ModuleParser
{
    private const string NameSectionName = "name";
    private const byte FunctionNamesSubsection = 1;

    private void ReadCustomSection(ref WasmReader reader)
    {
        string name = reader.ReadName("custom section name");
        WasmReader contents = reader.ReadSubReader(reader.Remaining, "custom section contents");
        if (name == NameSectionName && TryReadFunctionNames(ref contents) is { } names)
        {
            foreach (KeyValuePair<uint, string> entry in names)
                _module.FunctionNames[entry.Key] = entry.Value;
        }
    }

    /// <summary>All function names of the section, or null when any part of it is malformed.</summary>
    private static Dictionary<uint, string>? TryReadFunctionNames(ref WasmReader reader)
    {
        try
        {
            Dictionary<uint, string>? names = null;
            while (!reader.AtEnd)
            {
                byte id = reader.ReadByte("name subsection id");
                uint size = reader.ReadVarUInt32("name subsection size");
                if (size > reader.Remaining)
                    return null;
                WasmReader subsection = reader.ReadSubReader((int)size, "name subsection");
                if (id != FunctionNamesSubsection)
                    continue;
                if (names is not null)
                    return null;
                names = ReadNameMap(ref subsection);
                if (names is null || !subsection.AtEnd)
                    return null;
            }

            return names;
        }
        catch (WasmCompileException)
        {
            return null;
        }
    }

    /// <summary>A name map; null when an index repeats.</summary>
    private static Dictionary<uint, string>? ReadNameMap(ref WasmReader reader)
    {
        int count = reader.ReadCount("function names", WasmLimits.MaxFunctions, minBytesPerElement: 2);
        var names = new Dictionary<uint, string>(count);
        for (int i = 0; i < count; i++)
        {
            uint index = reader.ReadVarUInt32("function index");
            if (!names.TryAdd(index, reader.ReadName("function name")))
                return null;
        }

        return names;
    }
}
