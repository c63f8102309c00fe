using global::Wasmtime;

namespace Hyperlight.Wasmtime.Calls;

/// <summary>
/// Converts the untyped API's <see cref="WasmValue"/>s to and from Wasmtime's values. An externref
/// is the host object itself (Wasmtime keeps it alive while the guest holds it); a funcref is a
/// Wasmtime <see cref="Function"/> of one store, wrapped in a <see cref="WasmFunctionReference"/>
/// owned by the engine, and accepted back only by that engine while that store is current.
/// </summary>
internal static class UntypedValues
{
    public static ValueKind Kind(CoreValueType kind) => kind switch
    {
        CoreValueType.I32 => ValueKind.Int32,
        CoreValueType.I64 => ValueKind.Int64,
        CoreValueType.F32 => ValueKind.Float32,
        CoreValueType.F64 => ValueKind.Float64,
        CoreValueType.FuncRef => ValueKind.FuncRef,
        _ => ValueKind.ExternRef,
    };

    /// <summary>The untyped kind of a Wasmtime kind; null for the kinds the untyped API cannot carry (v128).</summary>
    public static CoreValueType? Kind(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => CoreValueType.I32,
        ValueKind.Int64 => CoreValueType.I64,
        ValueKind.Float32 => CoreValueType.F32,
        ValueKind.Float64 => CoreValueType.F64,
        ValueKind.FuncRef => CoreValueType.FuncRef,
        ValueKind.ExternRef => CoreValueType.ExternRef,
        _ => null,
    };

    /// <summary>A host global's initial value (references start null: <see cref="HostExterns"/> refuses anything else).</summary>
    public static object? InitialValue(WasmValue value) => value.IsReference ? null : Number(value);

    public static ValueBox ToBox(WasmValue value, object owner, Store store) => value.Kind switch
    {
        CoreValueType.I32 => value.AsInt32(),
        CoreValueType.I64 => value.AsInt64(),
        CoreValueType.F32 => value.AsSingle(),
        CoreValueType.F64 => value.AsDouble(),
        CoreValueType.FuncRef => Function(value, owner, store),
        _ => ValueBox.AsBox(value.AsExternRef()),
    };

    /// <summary>The object <see cref="Global.SetValue"/> takes for <paramref name="value"/>.</summary>
    public static object? ToObject(WasmValue value, object owner, Store store) => value.Kind switch
    {
        CoreValueType.FuncRef => Function(value, owner, store),
        CoreValueType.ExternRef => value.AsExternRef(),
        _ => Number(value),
    };

    /// <summary>A value Wasmtime returned (a result, a global's value) as a <paramref name="kind"/> value.</summary>
    public static WasmValue FromObject(CoreValueType kind, object? value, object owner, Store store) => kind switch
    {
        CoreValueType.I32 => WasmValue.I32((int)value!),
        CoreValueType.I64 => WasmValue.I64((long)value!),
        CoreValueType.F32 => WasmValue.F32((float)value!),
        CoreValueType.F64 => WasmValue.F64((double)value!),
        CoreValueType.FuncRef => WasmValue.FuncRef(value is Function { IsNull: false } function
            ? new WasmFunctionReference(owner, new StoreFunction(store, function))
            : null),
        _ => WasmValue.ExternRef(value),
    };

    private static object Number(WasmValue value) => value.Kind switch
    {
        CoreValueType.I32 => value.AsInt32(),
        CoreValueType.I64 => value.AsInt64(),
        CoreValueType.F32 => value.AsSingle(),
        _ => value.AsDouble(),
    };

    private static Function? Function(WasmValue value, object owner, Store store)
    {
        if (value.AsFuncRef() is not { } reference)
            return null;
        if (!ReferenceEquals(reference.Owner, owner))
            throw new ArgumentException("The function reference belongs to another sandbox; a funcref can only go back to the sandbox it came from.", nameof(value));
        var function = (StoreFunction)reference.Handle;
        if (!ReferenceEquals(function.Store, store))
            throw new ArgumentException("The function reference was obtained before the sandbox was restored; get it again from the restored instance.", nameof(value));
        return function.Function;
    }

    /// <summary>A function reference's handle: the function and the store it lives in.</summary>
    private sealed record StoreFunction(Store Store, Function Function);
}
