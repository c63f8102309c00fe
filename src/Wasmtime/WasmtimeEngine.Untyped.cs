using Hyperlight.Engines;
using Hyperlight.Wasmtime.Calls;
using global::Wasmtime;

namespace Hyperlight.Wasmtime;

/// <summary>
/// The untyped API on Wasmtime: the main instance's exports through Wasmtime's general API, with
/// values converted by <see cref="UntypedValues"/>. Calls run under the same deadline and failure
/// translation as typed calls. Exports whose types the untyped API cannot carry (v128) are not listed.
/// </summary>
internal sealed partial class WasmtimeEngine : IWasmInstance
{
    // Built on first use: most sandboxes only use typed bindings.
    private WasmExportTable? _untypedExports;
    // Functions of the current instance looked up so far: finding one by name crosses into native code.
    private readonly Dictionary<string, Function> _untypedFunctions = new(StringComparer.Ordinal);
    private Instance? _untypedFunctionsOwner;

    public IReadOnlyList<WasmExportInfo> Exports => UntypedExports.All;

    private WasmExportTable UntypedExports => _untypedExports ??= new WasmExportTable(Describe(_module.Exports));

    public WasmValue[] Invoke(string export, ReadOnlySpan<WasmValue> arguments, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WasmExportInfo info = UntypedExports.Find(export, WasmExportKind.Function);
        WasmExportTable.CheckArguments(info, arguments);
        cancellationToken.ThrowIfCancellationRequested();
        Function function = UntypedFunction(export);
        var boxes = new ValueBox[arguments.Length];
        for (int i = 0; i < boxes.Length; i++)
            boxes[i] = UntypedValues.ToBox(arguments[i], this, _store!);
        object? returned;
        _deadline.Start(cancellationToken);
        try
        {
            returned = function.Invoke(boxes);
        }
        catch (WasmtimeException e)
        {
            throw Explain(e, export);
        }
        return Results(info, returned);
    }

    public WasmValue GetGlobal(string export)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WasmExportInfo info = UntypedExports.Find(export, WasmExportKind.Global);
        return UntypedValues.FromObject(info.Results[0], _instance!.GetGlobal(export)!.GetValue(), this, _store!);
    }

    public void SetGlobal(string export, WasmValue value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WasmExportInfo info = UntypedExports.Find(export, WasmExportKind.Global);
        WasmExportTable.CheckGlobalWrite(info, value);
        _instance!.GetGlobal(export)!.SetValue(UntypedValues.ToObject(value, this, _store!));
    }

    public long GetMemorySize(string export) => ExportedMemory(export).GetLength();

    public void ReadMemory(string export, long offset, Span<byte> destination) =>
        MemoryRange(export, offset, destination.Length).CopyTo(destination);

    public void WriteMemory(string export, long offset, ReadOnlySpan<byte> source) =>
        source.CopyTo(MemoryRange(export, offset, source.Length));

    public long GetTableSize(string export) => (long)ExportedTable(export).Table.GetSize();

    public WasmValue GetTableElement(string export, long index)
    {
        (WasmExportInfo info, Table table) = ExportedTable(export);
        WasmExportTable.CheckIndex(export, index, (long)table.GetSize());
        return UntypedValues.FromObject(info.Results[0], table.GetElement((uint)index), this, _store!);
    }

    public void SetTableElement(string export, long index, WasmValue value)
    {
        (WasmExportInfo info, Table table) = ExportedTable(export);
        WasmExportTable.CheckTableWrite(info, value);
        WasmExportTable.CheckIndex(export, index, (long)table.GetSize());
        table.SetElement((uint)index, UntypedValues.ToObject(value, this, _store!));
    }

    /// <summary>The export's function in the current instance (a restore replaces the instance, and with it the cache).</summary>
    private Function UntypedFunction(string export)
    {
        if (!ReferenceEquals(_untypedFunctionsOwner, _instance))
        {
            _untypedFunctions.Clear();
            _untypedFunctionsOwner = _instance;
        }
        if (!_untypedFunctions.TryGetValue(export, out Function? function))
        {
            function = _instance!.GetFunction(export)!;
            _untypedFunctions.Add(export, function);
        }
        return function;
    }

    private Memory ExportedMemory(string export)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        UntypedExports.Find(export, WasmExportKind.Memory);
        return _instance!.GetMemory(export)!;
    }

    private (WasmExportInfo Info, Table Table) ExportedTable(string export)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WasmExportInfo info = UntypedExports.Find(export, WasmExportKind.Table);
        return (info, _instance!.GetTable(export)!);
    }

    private Span<byte> MemoryRange(string export, long offset, int length)
    {
        Memory memory = ExportedMemory(export);
        WasmExportTable.CheckRange(export, offset, length, memory.GetLength());
        return length == 0 ? [] : memory.GetSpan(offset, length);
    }

    /// <summary>Wasmtime returns nothing, one value, or an array for several results.</summary>
    private WasmValue[] Results(WasmExportInfo function, object? returned)
    {
        WasmValue[] results = function.Results.Count == 0 ? [] : new WasmValue[function.Results.Count];
        for (int i = 0; i < results.Length; i++)
        {
            object? value = results.Length == 1 ? returned : ((object?[])returned!)[i];
            results[i] = UntypedValues.FromObject(function.Results[i], value, this, _store!);
        }
        return results;
    }

    private static WasmExportInfo[] Describe(IReadOnlyList<Export> exports)
    {
        var described = new List<WasmExportInfo>(exports.Count);
        foreach (Export export in exports)
        {
            WasmExportInfo? info = export switch
            {
                FunctionExport function => Kinds(function.Parameters) is { } parameters && Kinds(function.Results) is { } results
                    ? new WasmExportInfo(export.Name, WasmExportKind.Function, parameters, results)
                    : null,
                GlobalExport global => UntypedValues.Kind(global.Kind) is { } kind
                    ? new WasmExportInfo(export.Name, WasmExportKind.Global, [], [kind], global.Mutability == Mutability.Mutable)
                    : null,
                MemoryExport => new WasmExportInfo(export.Name, WasmExportKind.Memory, [], []),
                TableExport table => new WasmExportInfo(export.Name, WasmExportKind.Table, [], [UntypedValues.Kind(table.Kind)!.Value]),
                _ => null,
            };
            if (info is not null)
                described.Add(info);
        }
        return [.. described];
    }

    private static CoreValueType[]? Kinds(IReadOnlyList<ValueKind> kinds)
    {
        var converted = new CoreValueType[kinds.Count];
        for (int i = 0; i < converted.Length; i++)
        {
            if (UntypedValues.Kind(kinds[i]) is not { } kind)
                return null;
            converted[i] = kind;
        }
        return converted;
    }
}
