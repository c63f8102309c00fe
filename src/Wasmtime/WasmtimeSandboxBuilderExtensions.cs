using Hyperlight.Wasmtime;

namespace Hyperlight;

/// <summary>Builder methods that choose the Wasmtime engine and accept WebAssembly text.</summary>
public static class WasmtimeSandboxBuilderExtensions
{
    /// <summary>Runs the sandbox on Wasmtime, in process (no VM boundary).</summary>
    public static SandboxBuilder UseWasmtime(this SandboxBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithEngine(new WasmtimeEngineFactory());
    }

    /// <summary>
    /// Uses a module written in the WebAssembly text format, converted to binary now by Wasmtime's
    /// parser. A syntax error is a <see cref="SandboxConfigurationException"/> with Wasmtime's message.
    /// </summary>
    public static SandboxBuilder WithWasmText(this SandboxBuilder builder, string wat)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(wat);
        try
        {
            return builder.WithWasmModule(global::Wasmtime.Module.ConvertText(wat));
        }
        catch (global::Wasmtime.WasmtimeException e)
        {
            throw new SandboxConfigurationException($"The WebAssembly text does not parse:{Environment.NewLine}{e.Message}", e);
        }
    }
}
