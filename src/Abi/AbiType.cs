namespace Hyperlight;

/// <summary>
/// The types a binding interface may use, as they cross the sandbox boundary. Each flattens to
/// core Wasm values per the canonical ABI subset of DESIGN.md §4: the small integers and
/// <see cref="Bool"/> to i32, 64-bit integers to i64, <see cref="Single"/> to f32,
/// <see cref="Double"/> to f64, <see cref="String"/> and <see cref="Bytes"/> to (i32 ptr, i32 len).
/// </summary>
public enum AbiType : byte
{
    Void = 0,
    Bool,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    /// <summary>UTF-8 text.</summary>
    String,
    /// <summary>A byte sequence (<c>byte[]</c>, <c>ReadOnlySpan&lt;byte&gt;</c>, <c>ReadOnlyMemory&lt;byte&gt;</c>).</summary>
    Bytes,
}
