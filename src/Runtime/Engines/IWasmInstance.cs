namespace Hyperlight.Engines;

/// <summary>
/// The untyped view of an engine's main module instance, for tools, tests and dynamic callers:
/// exports by name with <see cref="WasmValue"/>s in and out. Engines implement it beside
/// <see cref="ISandboxEngine"/>; <see cref="Sandbox"/> forwards to it. Errors: an unknown name or
/// a name of another kind is a <see cref="GuestBindingException"/> listing the exports; arguments of
/// the wrong number or kind an <see cref="ArgumentException"/>; calls fail as
/// <see cref="ISandboxEngine.Invoke"/> does.
/// </summary>
public interface IWasmInstance
{
    IReadOnlyList<WasmExportInfo> Exports { get; }

    /// <summary>Calls the exported function <paramref name="export"/>; returns its results (empty for none).</summary>
    WasmValue[] Invoke(string export, ReadOnlySpan<WasmValue> arguments, CancellationToken cancellationToken);

    WasmValue GetGlobal(string export);

    /// <summary>Sets an exported mutable global; an immutable one is an <see cref="InvalidOperationException"/>.</summary>
    void SetGlobal(string export, WasmValue value);

    /// <summary>Current size in bytes of the exported memory.</summary>
    long GetMemorySize(string export);

    /// <summary>Copies <paramref name="destination"/>.Length bytes from <paramref name="offset"/>; out of range is an <see cref="ArgumentOutOfRangeException"/> that gives the size.</summary>
    void ReadMemory(string export, long offset, Span<byte> destination);

    void WriteMemory(string export, long offset, ReadOnlySpan<byte> source);

    /// <summary>Current number of elements of the exported table.</summary>
    long GetTableSize(string export);

    /// <summary>Element <paramref name="index"/> of the exported table; out of range is an <see cref="ArgumentOutOfRangeException"/> that gives the size.</summary>
    WasmValue GetTableElement(string export, long index);

    /// <summary>Stores <paramref name="value"/>, of the table's element kind, at <paramref name="index"/>; the same index check as <see cref="GetTableElement"/>.</summary>
    void SetTableElement(string export, long index, WasmValue value);
}
