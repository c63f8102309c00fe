using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Validation;

/// <summary>
/// Validates a decoded module against the Wasm 2.0 rules (MVP, sign extension, saturating
/// float-to-int, multi-value, bulk memory, reference types). SIMD and threads are reported as not
/// supported.
/// </summary>
public static class WasmValidator
{
    /// <exception cref="WasmCompileException">The module is invalid or uses an unsupported feature.</exception>
    public static ValidatedModule Validate(WasmModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return new ModuleValidator(module).Validate();
    }
}
