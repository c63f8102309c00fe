namespace Hyperlight;

/// <summary>The canonical-ABI flattening of <see cref="AbiType"/> to core Wasm values (DESIGN.md §4).</summary>
public static class AbiFlattening
{
    /// <summary>True for the types passed as (i32 ptr, i32 len).</summary>
    public static bool IsPointerAndLength(this AbiType type) => type is AbiType.String or AbiType.Bytes;

    /// <summary>The core type of a scalar; for string/bytes, the type of each of its two values (i32).</summary>
    public static CoreValueType CoreType(this AbiType type) => type switch
    {
        AbiType.Int64 or AbiType.UInt64 => CoreValueType.I64,
        AbiType.Single => CoreValueType.F32,
        AbiType.Double => CoreValueType.F64,
        AbiType.Void => throw new ArgumentOutOfRangeException(nameof(type), "void has no core value"),
        _ => CoreValueType.I32,
    };

    /// <summary>Appends the core parameter types of one value to <paramref name="into"/>.</summary>
    public static void FlattenParameter(AbiType type, List<CoreValueType> into)
    {
        into.Add(type.CoreType());
        if (type.IsPointerAndLength())
            into.Add(CoreValueType.I32);
    }

    /// <summary>
    /// The core results of an export returning <paramref name="type"/>: none for void, one scalar,
    /// or an i32 return-area pointer for string/bytes.
    /// </summary>
    public static CoreValueType? ExportResult(AbiType type) =>
        type == AbiType.Void ? null : type.IsPointerAndLength() ? CoreValueType.I32 : type.CoreType();

    /// <summary>The core signature an export implementing (<paramref name="parameters"/>) → <paramref name="result"/> must have.</summary>
    public static (CoreValueType[] Parameters, CoreValueType[] Results) ExportSignature(IReadOnlyList<AbiType> parameters, AbiType result) =>
        ([.. FlattenParameters(parameters)], ExportResult(result) is { } core ? [core] : []);

    /// <summary>
    /// The core signature of an import served by (<paramref name="parameters"/>) → <paramref name="result"/>:
    /// a string/bytes result comes back through a trailing i32 return pointer, with no core result.
    /// </summary>
    public static (CoreValueType[] Parameters, CoreValueType[] Results) ImportSignature(IReadOnlyList<AbiType> parameters, AbiType result)
    {
        List<CoreValueType> core = FlattenParameters(parameters);
        if (result.IsPointerAndLength())
        {
            core.Add(CoreValueType.I32);
            return ([.. core], []);
        }
        return ([.. core], result == AbiType.Void ? [] : [result.CoreType()]);
    }

    private static List<CoreValueType> FlattenParameters(IReadOnlyList<AbiType> parameters)
    {
        var core = new List<CoreValueType>(parameters.Count + 2);
        foreach (AbiType parameter in parameters)
            FlattenParameter(parameter, core);
        return core;
    }
}
