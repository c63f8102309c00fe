namespace Hyperlight.Wasmtime;

/// <summary>Wasmtime rejected the module bytes: malformed, invalid, or using a feature outside Wasm 2.0.</summary>
public sealed class WasmModuleException(string message, Exception? innerException = null) : HyperlightException(message, innerException);
