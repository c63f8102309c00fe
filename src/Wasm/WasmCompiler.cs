using Hyperlight.Images;
using Hyperlight.Wasm.Binary;
using Hyperlight.Wasm.Compiler;
using Hyperlight.Wasm.Validation;

namespace Hyperlight.Wasm;

/// <summary>Compiles a WebAssembly module ahead of time into a micro-VM <see cref="GuestImage"/>.</summary>
public static class WasmCompiler
{
    /// <summary>Parses, validates and compiles <paramref name="module"/> to position-independent x86-64.</summary>
    /// <exception cref="WasmCompileException">The module is malformed, invalid, too large or uses something not supported; the message gives the byte offset.</exception>
    public static GuestImage Compile(ReadOnlyMemory<byte> module, WasmCompilerOptions? options = null)
    {
        options ??= new WasmCompilerOptions();
        if (module.Length > options.MaxModuleBytes)
            throw new WasmCompileException($"The module is {module.Length} bytes; the limit is {options.MaxModuleBytes} (WasmCompilerOptions.MaxModuleBytes)", 0);
        ValidatedModule validated = WasmValidator.Validate(WasmParser.Parse(module));
        return ModuleCompiler.Compile(validated.Module);
    }
}
