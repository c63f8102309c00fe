using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Binary;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>
/// One decoding run: the module header, then the section loop that enforces the order rules and
/// that every section's declared size matches what its decoder consumed. The per-section decoders
/// are the other parts of this class.
/// </summary>
internal sealed partial class ModuleParser
{
    private static ReadOnlySpan<byte> Magic => [0x00, 0x61, 0x73, 0x6D];

    private static ReadOnlySpan<byte> Version => [0x01, 0x00, 0x00, 0x00];

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly WasmModule _module = new();

    /// <summary>Types of the imported globals, for constant expressions that read them.</summary>
    private readonly List<ValueType> _importedGlobalTypes = [];
    private bool _sawCodeSection;
    private bool _sawDataSection;

    public ModuleParser(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

    public WasmModule Parse()
    {
        var reader = new WasmReader(_bytes.Span, 0);
        ReadHeader(ref reader);

        int lastRank = 0;
        SectionId lastSection = SectionId.Custom;
        while (!reader.AtEnd)
        {
            int sectionStart = reader.Offset;
            byte id = reader.ReadByte("section id");
            if (id > (byte)SectionId.DataCount)
                throw WasmReader.Error($"malformed section id: expected a section id ≤ 12, found 0x{id:x2}", sectionStart);
            var section = (SectionId)id;
            int sizeOffset = reader.Offset;
            uint size = reader.ReadVarUInt32($"size of the {Describe(section)}");
            if (size > reader.Remaining)
                throw WasmReader.Error($"section size mismatch: the {Describe(section)} declares {size} bytes, but only {reader.Remaining} remain in the module", sizeOffset);

            if (section != SectionId.Custom)
            {
                int rank = OrderRank(section);
                if (rank == lastRank)
                    throw WasmReader.Error($"duplicate {Describe(section)}: each non-custom section may appear at most once", sectionStart);
                if (rank < lastRank)
                    throw WasmReader.Error($"section out of order: the {Describe(section)} must come before the {Describe(lastSection)}", sectionStart);
                lastRank = rank;
                lastSection = section;
            }

            WasmReader contents = reader.ReadSubReader((int)size, Describe(section));
            ReadSection(section, ref contents);
            if (!contents.AtEnd)
                throw contents.Error($"section size mismatch: the {Describe(section)} declares {size} bytes, but its contents end {contents.Remaining} bytes earlier");
        }

        CheckSectionsAgree(reader.Offset);
        return _module;
    }

    private static void ReadHeader(ref WasmReader reader)
    {
        if (reader.Remaining < 4 || !reader.ReadBytes(4, "magic number").SequenceEqual(Magic))
            throw WasmReader.Error("bad magic number: expected \\0asm (00 61 73 6d) at the start of a Wasm module", 0);
        if (reader.Remaining < 4 || !reader.ReadBytes(4, "version").SequenceEqual(Version))
            throw WasmReader.Error("unsupported version: expected binary format version 1 (01 00 00 00)", 4);
    }

    private void ReadSection(SectionId section, ref WasmReader reader)
    {
        switch (section)
        {
            case SectionId.Custom: ReadCustomSection(ref reader); break;
            case SectionId.Type: ReadTypeSection(ref reader); break;
            case SectionId.Import: ReadImportSection(ref reader); break;
            case SectionId.Function: ReadFunctionSection(ref reader); break;
            case SectionId.Table: ReadTableSection(ref reader); break;
            case SectionId.Memory: ReadMemorySection(ref reader); break;
            case SectionId.Global: ReadGlobalSection(ref reader); break;
            case SectionId.Export: ReadExportSection(ref reader); break;
            case SectionId.Start: ReadStartSection(ref reader); break;
            case SectionId.Element: ReadElementSection(ref reader); break;
            case SectionId.DataCount: ReadDataCountSection(ref reader); break;
            case SectionId.Code: ReadCodeSection(ref reader); break;
            case SectionId.Data: ReadDataSection(ref reader); break;
        }
    }

    private void ReadStartSection(ref WasmReader reader)
    {
        _module.Offsets.Start = reader.Offset;
        _module.StartFunction = reader.ReadVarUInt32("start function index");
    }

    /// <summary>Counts that must agree across sections even when one of the sections is absent.</summary>
    private void CheckSectionsAgree(int endOffset)
    {
        if (!_sawCodeSection && _module.FunctionTypeIndices.Count > 0)
            throw WasmReader.Error($"function and code section have inconsistent lengths: {_module.FunctionTypeIndices.Count} functions declared, but there is no code section", endOffset);
        if (!_sawDataSection && _module.DataCount is > 0)
            throw WasmReader.Error($"data count and data section have inconsistent lengths: the data count section declares {_module.DataCount} segments, but there is no data section", endOffset);
    }

    /// <summary>Position of a non-custom section in the required order; the data count section sits between element and code.</summary>
    private static int OrderRank(SectionId section) => section switch
    {
        SectionId.DataCount => 10,
        SectionId.Code => 11,
        SectionId.Data => 12,
        _ => (int)section,
    };

    private static string Describe(SectionId section) => section switch
    {
        SectionId.DataCount => "data count section",
        _ => $"{section.ToString().ToLowerInvariant()} section",
    };
}
