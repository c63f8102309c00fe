using Hyperlight.Wasm.Binary;

namespace Hyperlight.Wasm.Validation;

/// <summary>The usual way in: decode and validate in one call.</summary>
public static class WasmModuleReader
{
    /// <exception cref="WasmCompileException">The bytes are malformed, invalid, too large, or use an unsupported feature.</exception>
    public static ValidatedModule ReadAndValidate(ReadOnlyMemory<byte> bytes) =>
        WasmValidator.Validate(WasmParser.Parse(bytes));
}
