using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Binary;

/// <summary>
/// Decodes the Wasm 2.0 core binary format into a <see cref="WasmModule"/>. Decoding checks
/// everything about the bytes themselves (structure, encodings, section order and sizes, counts
/// that must agree); the type rules and index checks are <see cref="Validation.WasmValidator"/>'s.
/// Function bodies are kept as raw instruction bytes and decoded by the validator.
/// </summary>
public static class WasmParser
{
    /// <exception cref="WasmCompileException">The bytes are not a well-formed module.</exception>
    public static WasmModule Parse(ReadOnlyMemory<byte> bytes) => new ModuleParser(bytes).Parse();
}
