namespace Hyperlight.Wasm;

/// <summary>Options of <see cref="WasmCompiler.Compile"/>.</summary>
public sealed class WasmCompilerOptions
{
    /// <summary>Largest module accepted, in bytes; bigger input is rejected before decoding. Default 64 MiB.</summary>
    public int MaxModuleBytes { get; init; } = 64 << 20;
}
