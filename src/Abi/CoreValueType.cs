namespace Hyperlight;

/// <summary>The four core Wasm number types that <see cref="AbiType"/> values flatten to.</summary>
public enum CoreValueType : byte
{
    I32,
    I64,
    F32,
    F64,
}
