namespace Hyperlight;

/// <summary>The Wasm value types a value of the untyped API can have.</summary>
public enum WasmValueKind : byte
{
    I32,
    I64,
    F32,
    F64,
    /// <summary>A reference to a guest function, opaque to the host (<see cref="WasmFunctionReference"/>).</summary>
    FuncRef,
    /// <summary>A host object the guest can hold and pass back but not look into.</summary>
    ExternRef,
}
