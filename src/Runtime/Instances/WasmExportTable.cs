using System.Globalization;

namespace Hyperlight;

/// <summary>
/// The main module's exports as the untyped API sees them, and the checks every engine applies
/// before touching one: the name exists with the expected kind, arguments match the parameters, a
/// global or table takes a value of its kind, a memory range or table index lies inside it. One implementation, so
/// that both engines refuse the same requests with the same messages.
/// </summary>
internal sealed class WasmExportTable
{
    private const int MaxListed = 40;

    private readonly Dictionary<string, WasmExportInfo> _byName = new(StringComparer.Ordinal);

    public WasmExportTable(IReadOnlyList<WasmExportInfo> exports)
    {
        All = exports;
        foreach (WasmExportInfo export in exports)
            _byName.TryAdd(export.Name, export);
    }

    public IReadOnlyList<WasmExportInfo> All { get; }

    /// <summary>The export <paramref name="name"/>, which must be of <paramref name="kind"/> (<see cref="GuestBindingException"/> listing the exports otherwise).</summary>
    public WasmExportInfo Find(string name, WasmExportKind kind)
    {
        if (!_byName.TryGetValue(name, out WasmExportInfo? export))
            throw new GuestBindingException($"The module has no export named '{name}'. {Describe()}");
        if (export.Kind != kind)
            throw new GuestBindingException($"Export '{name}' is a {Name(export.Kind)}, not a {Name(kind)}. {Describe()}");
        return export;
    }

    public static void CheckArguments(WasmExportInfo function, ReadOnlySpan<WasmValue> arguments)
    {
        if (arguments.Length != function.Parameters.Count)
            throw new ArgumentException($"Function '{function.Name}' {Signature(function)} takes {function.Parameters.Count} arguments, not {arguments.Length}.", nameof(arguments));
        for (int i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Kind != function.Parameters[i])
                throw new ArgumentException($"Argument {i} of '{function.Name}' {Signature(function)} must be {Name(function.Parameters[i])}, not {Name(arguments[i].Kind)}.", nameof(arguments));
        }
    }

    /// <summary>A value may be stored in a global only if the global is mutable and of the value's kind.</summary>
    public static void CheckGlobalWrite(WasmExportInfo global, WasmValue value)
    {
        if (!global.Mutable)
            throw new InvalidOperationException($"Global '{global.Name}' is immutable.");
        if (value.Kind != global.Results[0])
            throw new ArgumentException($"Global '{global.Name}' holds {Name(global.Results[0])}, not {Name(value.Kind)}.", nameof(value));
    }

    /// <summary>A value may be stored in a table only if it is of the table's element kind.</summary>
    public static void CheckTableWrite(WasmExportInfo table, WasmValue value)
    {
        if (value.Kind != table.Results[0])
            throw new ArgumentException($"Table '{table.Name}' holds {Name(table.Results[0])}, not {Name(value.Kind)}.", nameof(value));
    }

    /// <summary>Refuses an element index outside a table of <paramref name="size"/> elements.</summary>
    public static void CheckIndex(string table, long index, long size)
    {
        if (index < 0 || index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Element {index} is outside table '{table}', which has {size} elements.");
    }

    /// <summary>Refuses a range that is not wholly inside a memory of <paramref name="size"/> bytes, before any byte moves.</summary>
    public static void CheckRange(string memory, long offset, int length, long size)
    {
        if (offset < 0 || offset > size || length > size - offset)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Bytes [{offset}, {offset + length}) are outside memory '{memory}', which has {size} bytes.");
    }

    public static string Name(CoreValueType kind) => kind switch
    {
        CoreValueType.I32 => "i32",
        CoreValueType.I64 => "i64",
        CoreValueType.F32 => "f32",
        CoreValueType.F64 => "f64",
        CoreValueType.FuncRef => "funcref",
        CoreValueType.ExternRef => "externref",
        _ => ((int)kind).ToString(CultureInfo.InvariantCulture),
    };

    private static string Name(WasmExportKind kind) => kind.ToString().ToLowerInvariant();

    private static string Signature(WasmExportInfo function) =>
        $"({string.Join(", ", function.Parameters.Select(Name))}) -> ({string.Join(", ", function.Results.Select(Name))})";

    private string Describe()
    {
        if (All.Count == 0)
            return "The module exports nothing.";
        string listed = string.Join("; ", All.Take(MaxListed).Select(Describe));
        return All.Count <= MaxListed ? $"It exports: {listed}." : $"It exports: {listed}; and {All.Count - MaxListed} more.";
    }

    private static string Describe(WasmExportInfo export) => export.Kind switch
    {
        WasmExportKind.Function => $"{export.Name} {Signature(export)}",
        WasmExportKind.Global => $"{export.Name} (global {(export.Mutable ? "mut " : "")}{Name(export.Results[0])})",
        WasmExportKind.Table => $"{export.Name} (table {Name(export.Results[0])})",
        _ => $"{export.Name} ({Name(export.Kind)})",
    };
}
