namespace Hyperlight;

/// <summary>
/// The core Wasm value types at the host boundary: the four number types that <see cref="AbiType"/>
/// values flatten to, and the two reference types, which only the untyped API passes (as 8-byte
/// slots: a function reference or a host handle, 0 for null).
/// </summary>
public enum CoreValueType : byte
{
    I32,
    I64,
    F32,
    F64,
    FuncRef,
    ExternRef,
}
