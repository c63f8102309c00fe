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
}
