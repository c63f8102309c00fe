using System.Text;

namespace Hyperlight.Images;

/// <summary>
/// Writes a <see cref="GuestImage"/> to bytes and reads it back, for the on-disk compiled-image
/// cache. Reading treats its input as untrusted: every count and length is checked against what
/// is left, and anything inconsistent is an <see cref="InvalidDataException"/>.
/// </summary>
public static class GuestImageSerializer
{
    private const uint Magic = 0x474D494C; // "LIMG"
    // 2: exported globals, memories and tables; reference core types.
    // 3: additional linear memories; the memory of each import.
    // 4: size checks of memory and table imports, run at initialisation.
    // 5: exported tables with their data-region place, capacity and element type; the unit's function count.
    private const ushort FormatVersion = 5;

    public static byte[] Serialize(GuestImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            WriteBytes(writer, image.Code);
            writer.Write(image.EntryOffset);
            writer.Write(image.NeedsInitialization);
            writer.Write(image.DataRegionSize);
            WriteBytes(writer, image.InitialData);
            WriteOptional(writer, image.MemoryMinimumPages);
            WriteOptional(writer, image.MemoryMaximumPages);
            WriteList(writer, image.AdditionalMemories, static (w, memory) =>
            {
                w.Write(memory.MinimumPages);
                WriteOptional(w, memory.MaximumPages);
            });
            WriteList(writer, image.Exports, static (w, export) =>
            {
                w.Write(export.Name);
                w.Write(export.Index);
                WriteTypes(w, export.Parameters);
                WriteTypes(w, export.Results);
            });
            WriteList(writer, image.Imports, static (w, import) =>
            {
                w.Write(import.Module);
                w.Write(import.Name);
                w.Write(import.Index);
                WriteTypes(w, import.Parameters);
                WriteTypes(w, import.Results);
                w.Write(import.Memory);
            });
            WriteList(writer, image.TrapSites, static (w, site) =>
            {
                w.Write(site.CodeOffset);
                w.Write((uint)site.Kind);
                w.Write(site.FunctionIndex);
                w.Write(site.WasmOffset);
            });
            WriteList(writer, image.FunctionNames, static (w, name) =>
            {
                w.Write(name.Key);
                w.Write(name.Value);
            });
            WriteList(writer, image.Globals, static (w, global) =>
            {
                w.Write(global.Name);
                w.Write(global.Offset);
                w.Write((byte)global.Type);
                w.Write(global.Mutable);
            });
            WriteList(writer, image.MemoryExports, static (w, name) => w.Write(name));
            WriteList(writer, image.Tables, static (w, table) =>
            {
                w.Write(table.Name);
                w.Write(table.Offset);
                w.Write(table.Capacity);
                w.Write((byte)table.ElementType);
            });
            writer.Write(image.FunctionCount);
            WriteList(writer, image.SizeChecks, static (w, check) =>
            {
                w.Write(check.Importer);
                w.Write(check.ImportModule);
                w.Write(check.ImportName);
                w.Write((byte)check.Kind);
                w.Write(check.RequiredMinimum);
            });
        }
        return stream.ToArray();
    }

    public static GuestImage Deserialize(ReadOnlySpan<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (reader.ReadUInt32() != Magic || reader.ReadUInt16() != FormatVersion)
                throw new InvalidDataException("Not a guest image of this format version.");
            byte[] code = ReadBytes(reader);
            int entry = reader.ReadInt32();
            if ((uint)entry >= (uint)code.Length)
                throw new InvalidDataException($"Entry offset {entry} is outside the {code.Length}-byte code.");
            bool needsInit = reader.ReadBoolean();
            int dataSize = reader.ReadInt32();
            byte[] initialData = ReadBytes(reader);
            if (dataSize < 0 || initialData.Length > dataSize)
                throw new InvalidDataException($"Initial data ({initialData.Length} bytes) does not fit the {dataSize}-byte data region.");
            uint? minPages = ReadOptional(reader);
            uint? maxPages = ReadOptional(reader);
            var memories = new GuestMemoryLimits[ReadCount(reader, minimumBytesEach: 9)];
            if (memories.Length > 0 && (minPages is null || memories.Length >= ControlPage.MaxMemories))
                throw new InvalidDataException($"{memories.Length} additional memories beside memory 0 ({(minPages is null ? "absent" : "present")}); at most {ControlPage.MaxMemories} memories in all, memory 0 first.");
            for (int i = 0; i < memories.Length; i++)
                memories[i] = new GuestMemoryLimits(reader.ReadUInt32(), ReadOptional(reader));

            var exports = new GuestExport[ReadCount(reader, minimumBytesEach: 10)];
            for (int i = 0; i < exports.Length; i++)
                exports[i] = new GuestExport(reader.ReadString(), reader.ReadUInt32(), ReadTypes(reader), ReadTypes(reader));
            var imports = new GuestImport[ReadCount(reader, minimumBytesEach: 15)];
            for (int i = 0; i < imports.Length; i++)
                imports[i] = ReadImport(reader, memoryCount: minPages is null ? 0 : 1 + memories.Length);
            var trapSites = new TrapSite[ReadCount(reader, minimumBytesEach: 16)];
            for (int i = 0; i < trapSites.Length; i++)
                trapSites[i] = new TrapSite(reader.ReadInt32(), (TrapKind)reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32());
            int nameCount = ReadCount(reader, minimumBytesEach: 5);
            var names = new Dictionary<uint, string>(nameCount);
            for (int i = 0; i < nameCount; i++)
                names[reader.ReadUInt32()] = reader.ReadString();
            var globals = new GuestGlobal[ReadCount(reader, minimumBytesEach: 7)];
            for (int i = 0; i < globals.Length; i++)
                globals[i] = ReadGlobal(reader, dataSize);
            string[] memoryExports = ReadNames(reader);
            var tables = new GuestTable[ReadCount(reader, minimumBytesEach: 10)];
            for (int i = 0; i < tables.Length; i++)
                tables[i] = ReadTable(reader, dataSize);
            uint functionCount = reader.ReadUInt32();
            var sizeChecks = new GuestSizeCheck[ReadCount(reader, minimumBytesEach: 8)];
            for (int i = 0; i < sizeChecks.Length; i++)
                sizeChecks[i] = ReadSizeCheck(reader);
            if (sizeChecks.Length > 0 && !needsInit)
                throw new InvalidDataException($"{sizeChecks.Length} size checks in an image without initialisation, which runs them.");
            if (stream.Position != stream.Length)
                throw new InvalidDataException($"{stream.Length - stream.Position} unexpected bytes after the image.");

            return new GuestImage
            {
                Code = code,
                EntryOffset = entry,
                NeedsInitialization = needsInit,
                DataRegionSize = dataSize,
                InitialData = initialData,
                MemoryMinimumPages = minPages,
                MemoryMaximumPages = maxPages,
                AdditionalMemories = memories,
                Exports = exports,
                Imports = imports,
                TrapSites = trapSites,
                FunctionNames = names,
                Globals = globals,
                MemoryExports = memoryExports,
                Tables = tables,
                FunctionCount = functionCount,
                SizeChecks = sizeChecks,
            };
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The guest image is truncated.", e);
        }
    }

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader reader)
    {
        int length = ReadCount(reader, minimumBytesEach: 1);
        return reader.ReadBytes(length);
    }

    private static void WriteOptional(BinaryWriter writer, uint? value)
    {
        writer.Write(value.HasValue);
        writer.Write(value.GetValueOrDefault());
    }

    private static uint? ReadOptional(BinaryReader reader)
    {
        bool present = reader.ReadBoolean();
        uint value = reader.ReadUInt32();
        return present ? value : null;
    }

    private static GuestImport ReadImport(BinaryReader reader, int memoryCount)
    {
        var import = new GuestImport(reader.ReadString(), reader.ReadString(), reader.ReadUInt32(), ReadTypes(reader), ReadTypes(reader));
        int memory = reader.ReadInt32();
        if (memory != 0 && (uint)memory >= (uint)memoryCount)
            throw new InvalidDataException($"Import {import.Module}.{import.Name} uses memory {memory}; the image has {memoryCount}.");
        return import with { Memory = memory };
    }

    private static GuestSizeCheck ReadSizeCheck(BinaryReader reader)
    {
        string importer = reader.ReadString(), module = reader.ReadString(), name = reader.ReadString();
        byte kind = reader.ReadByte();
        if (kind > (byte)GuestSizeCheckKind.Table)
            throw new InvalidDataException($"Unknown size check kind {kind} for import {module}.{name}.");
        return new GuestSizeCheck(importer, module, name, (GuestSizeCheckKind)kind, reader.ReadUInt32());
    }

    private static GuestGlobal ReadGlobal(BinaryReader reader, int dataSize)
    {
        string name = reader.ReadString();
        int offset = reader.ReadInt32();
        if (offset < 0 || (long)offset + sizeof(ulong) > dataSize)
            throw new InvalidDataException($"Global '{name}' at offset {offset} is outside the {dataSize}-byte data region.");
        return new GuestGlobal(name, offset, ReadType(reader), reader.ReadBoolean());
    }

    private static GuestTable ReadTable(BinaryReader reader, int dataSize)
    {
        var table = new GuestTable(reader.ReadString(), reader.ReadInt32(), reader.ReadUInt32(), ReadType(reader));
        if (!table.FitsIn(dataSize))
            throw new InvalidDataException($"Table '{table.Name}' at offset {table.Offset} with {table.Capacity} elements is outside the {dataSize}-byte data region.");
        if (table.ElementType is not (CoreValueType.FuncRef or CoreValueType.ExternRef))
            throw new InvalidDataException($"Table '{table.Name}' holds {table.ElementType}, not a reference type.");
        return table;
    }

    /// <summary>An i32 count, then each item as <paramref name="writeItem"/> writes it (the counts <see cref="ReadCount"/> reads back).</summary>
    private static void WriteList<T>(BinaryWriter writer, IReadOnlyCollection<T> items, Action<BinaryWriter, T> writeItem)
    {
        writer.Write(items.Count);
        foreach (T item in items)
            writeItem(writer, item);
    }

    private static string[] ReadNames(BinaryReader reader)
    {
        var names = new string[ReadCount(reader, minimumBytesEach: 1)];
        for (int i = 0; i < names.Length; i++)
            names[i] = reader.ReadString();
        return names;
    }

    private static void WriteTypes(BinaryWriter writer, IReadOnlyList<CoreValueType> types) =>
        WriteList(writer, types, static (w, type) => w.Write((byte)type));

    private static CoreValueType[] ReadTypes(BinaryReader reader)
    {
        var types = new CoreValueType[ReadCount(reader, minimumBytesEach: 1)];
        for (int i = 0; i < types.Length; i++)
            types[i] = ReadType(reader);
        return types;
    }

    private static CoreValueType ReadType(BinaryReader reader)
    {
        byte raw = reader.ReadByte();
        if (raw > (byte)CoreValueType.ExternRef)
            throw new InvalidDataException($"Unknown core value type {raw}.");
        return (CoreValueType)raw;
    }

    /// <summary>Reads a count and checks the remaining input could hold that many items, so a corrupt count cannot force a huge allocation.</summary>
    private static int ReadCount(BinaryReader reader, int minimumBytesEach)
    {
        int count = reader.ReadInt32();
        long left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (count < 0 || (long)count * minimumBytesEach > left)
            throw new InvalidDataException($"Count {count} does not fit the {left} bytes left.");
        return count;
    }
}
