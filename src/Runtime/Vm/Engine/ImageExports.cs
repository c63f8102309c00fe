using Hyperlight.Images;

namespace Hyperlight.Vm.Engine;

/// <summary>
/// A guest image's exports for the untyped API: the public listing, and for each function, global or
/// table name where it lives in the image (frame function index, data-region cells). Checks the
/// image's global and table cells lie inside its data region, so no later access can leave it.
/// </summary>
internal sealed class ImageExports
{
    private readonly Dictionary<string, GuestExport> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GuestGlobal> _globals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GuestTable> _tables = new(StringComparer.Ordinal);

    public ImageExports(GuestImage image)
    {
        var exports = new List<WasmExportInfo>(image.Exports.Count + image.Globals.Count + image.MemoryExports.Count + image.Tables.Count);
        foreach (GuestExport function in image.Exports)
        {
            if (function.Index > int.MaxValue)
                throw new SandboxConfigurationException($"The guest image is malformed: export '{function.Name}' has index {function.Index}.");
            exports.Add(new WasmExportInfo(function.Name, WasmExportKind.Function, function.Parameters, function.Results));
            _functions.TryAdd(function.Name, function);
        }
        foreach (GuestGlobal global in image.Globals)
        {
            if (!global.FitsIn(image.DataRegionSize))
                throw new SandboxConfigurationException($"The guest image is malformed: global '{global.Name}' at offset {global.Offset} is outside the {image.DataRegionSize}-byte data region.");
            exports.Add(new WasmExportInfo(global.Name, WasmExportKind.Global, [], [global.Type], global.Mutable));
            _globals.TryAdd(global.Name, global);
        }
        foreach (string memory in image.MemoryExports)
            exports.Add(new WasmExportInfo(memory, WasmExportKind.Memory, [], []));
        foreach (GuestTable table in image.Tables)
        {
            if (!table.FitsIn(image.DataRegionSize) || table.ElementType is not (CoreValueType.FuncRef or CoreValueType.ExternRef))
                throw new SandboxConfigurationException($"The guest image is malformed: table '{table.Name}' ({table.ElementType}, {table.Capacity} elements at offset {table.Offset}) does not fit the {image.DataRegionSize}-byte data region or holds no references.");
            exports.Add(new WasmExportInfo(table.Name, WasmExportKind.Table, [], [table.ElementType]));
            _tables.TryAdd(table.Name, table);
        }
        Table = new WasmExportTable(exports);
    }

    public WasmExportTable Table { get; }

    public (WasmExportInfo Info, GuestExport Export) Function(string name) =>
        (Table.Find(name, WasmExportKind.Function), _functions[name]);

    public (WasmExportInfo Info, GuestGlobal Global) Global(string name) =>
        (Table.Find(name, WasmExportKind.Global), _globals[name]);

    public (WasmExportInfo Info, GuestTable Table) ExportedTable(string name) =>
        (Table.Find(name, WasmExportKind.Table), _tables[name]);
}
