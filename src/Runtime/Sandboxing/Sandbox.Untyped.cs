using Hyperlight.Engines;

namespace Hyperlight;

/// <summary>
/// The untyped API: the main module's exports by name, for tools, tests and callers that learn the
/// module's shape at run time. Every member but <see cref="Exports"/> is one operation on the guest
/// and takes the same one-at-a-time guard as a typed call, so it cannot run while a call (or a host
/// function it made) is in progress.
/// </summary>
public sealed partial class Sandbox
{
    /// <summary>The main module's exports: functions with their parameter and result kinds, globals, memories, tables with their element kinds.</summary>
    public IReadOnlyList<WasmExportInfo> Exports
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Untyped(_engine).Exports;
        }
    }

    /// <summary>
    /// Calls the exported function <paramref name="export"/> with one value per core parameter and
    /// returns its results (empty for none). A wrong number or kind of arguments is an
    /// <see cref="ArgumentException"/>; an unknown name a <see cref="GuestBindingException"/> listing
    /// the exports; the call fails as a typed call does (trap, timeout, host function failure).
    /// </summary>
    public WasmValue[] Invoke(string export, params WasmValue[] arguments) => Invoke(export, arguments, CancellationToken.None);

    /// <inheritdoc cref="Invoke(string, WasmValue[])"/>
    public WasmValue[] Invoke(string export, WasmValue[] arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(arguments);
        using InstanceCall call = EnterInstance();
        return call.Instance.Invoke(export, arguments, cancellationToken);
    }

    /// <summary>The current value of the exported global <paramref name="export"/>.</summary>
    public WasmValue GetGlobal(string export)
    {
        ArgumentNullException.ThrowIfNull(export);
        using InstanceCall call = EnterInstance();
        return call.Instance.GetGlobal(export);
    }

    /// <summary>
    /// Sets the exported mutable global <paramref name="export"/> (an immutable one is an
    /// <see cref="InvalidOperationException"/>, a value of another kind an <see cref="ArgumentException"/>).
    /// <see cref="Restore"/> returns it to its initial value.
    /// </summary>
    public void SetGlobal(string export, WasmValue value)
    {
        ArgumentNullException.ThrowIfNull(export);
        using InstanceCall call = EnterInstance();
        call.Instance.SetGlobal(export, value);
    }

    /// <summary>The current size in bytes of the exported memory <paramref name="export"/> (it changes when the guest grows it).</summary>
    public long GetMemorySize(string export)
    {
        ArgumentNullException.ThrowIfNull(export);
        using InstanceCall call = EnterInstance();
        return call.Instance.GetMemorySize(export);
    }

    /// <summary>
    /// Copies <paramref name="destination"/>.Length bytes of the exported memory from <paramref name="offset"/>;
    /// a range outside the memory's current size is an <see cref="ArgumentOutOfRangeException"/> and reads nothing.
    /// </summary>
    public void ReadMemory(string export, long offset, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(export);
        using InstanceCall call = EnterInstance();
        call.Instance.ReadMemory(export, offset, destination);
    }

    /// <summary>Copies <paramref name="source"/> into the exported memory at <paramref name="offset"/>; out of range writes nothing.</summary>
    public void WriteMemory(string export, long offset, ReadOnlySpan<byte> source)
    {
        ArgumentNullException.ThrowIfNull(export);
        using InstanceCall call = EnterInstance();
        call.Instance.WriteMemory(export, offset, source);
    }

    /// <summary>The current number of elements of the exported table <paramref name="export"/> (it changes when the guest grows it).</summary>
    public long GetTableSize(string export)
    {
        ArgumentNullException.ThrowIfNull(export);
        using InstanceCall call = EnterInstance();
        return call.Instance.GetTableSize(export);
    }

    /// <summary>
    /// Element <paramref name="index"/> of the exported table <paramref name="export"/>: a funcref (a
    /// <see cref="WasmFunctionReference"/> usable like one a call returned) or an externref (the host
    /// object), null when the slot is empty. An index outside the table's current size is an
    /// <see cref="ArgumentOutOfRangeException"/> giving the size.
    /// </summary>
    public WasmValue GetTableElement(string export, long index)
    {
        ArgumentNullException.ThrowIfNull(export);
        using InstanceCall call = EnterInstance();
        return call.Instance.GetTableElement(export, index);
    }

    /// <summary>
    /// Stores <paramref name="value"/> at <paramref name="index"/> of the exported table
    /// <paramref name="export"/>. A value of another kind, or a funcref of another sandbox, is an
    /// <see cref="ArgumentException"/>; an index out of range as for <see cref="GetTableElement"/>.
    /// <see cref="Restore"/> returns the table to its initial contents.
    /// </summary>
    public void SetTableElement(string export, long index, WasmValue value)
    {
        ArgumentNullException.ThrowIfNull(export);
        using InstanceCall call = EnterInstance();
        call.Instance.SetTableElement(export, index, value);
    }

    private InstanceCall EnterInstance()
    {
        IWasmInstance instance = Untyped(EnterableEngine());
        BeginCall();
        return new InstanceCall(this, instance);
    }

    private static IWasmInstance Untyped(ISandboxEngine engine) =>
        engine as IWasmInstance
        ?? throw new NotSupportedException($"The {engine.Info.Name} engine has no untyped access to exports; use typed bindings (Guest<T>()).");

    /// <summary>One untyped operation holding the sandbox's call guard until disposed.</summary>
    private readonly ref struct InstanceCall(Sandbox sandbox, IWasmInstance instance)
    {
        public IWasmInstance Instance { get; } = instance;

        public void Dispose() => sandbox.EndCall();
    }
}
