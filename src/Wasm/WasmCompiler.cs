using Hyperlight.Images;
using Hyperlight.Wasm.Compiler;
using Hyperlight.Wasm.Linking;

namespace Hyperlight.Wasm;

/// <summary>Compiles WebAssembly modules ahead of time into a micro-VM <see cref="GuestImage"/>.</summary>
public static class WasmCompiler
{
    /// <summary>Parses, validates and compiles <paramref name="module"/> to position-independent x86-64.</summary>
    /// <exception cref="WasmCompileException">The module is malformed, invalid, too large or uses something not supported; the message gives the byte offset.</exception>
    /// <exception cref="WasmLinkException">The module imports a global, memory or table, which only <see cref="Link"/> can provide.</exception>
    public static GuestImage Compile(ReadOnlyMemory<byte> module, WasmCompilerOptions? options = null) =>
        Link([new NamedWasmModule(WasmLinkUnit.MainModuleName, module)], [], options);

    /// <summary>
    /// Links <paramref name="modules"/>, instantiated in order (the last is the main module, whose
    /// exports the host calls), and the host's global, memory and table definitions into one image:
    /// an import (M, N) is the export N of an earlier module named M or the host definition M.N; a
    /// function import with neither is a host function, bound by the engine.
    /// </summary>
    /// <exception cref="WasmCompileException">A module is malformed, invalid, too large or uses something not supported.</exception>
    /// <exception cref="WasmLinkException">An import cannot be satisfied, or the modules need more linear memories than a sandbox holds (<see cref="ControlPage.MaxMemories"/>).</exception>
    public static GuestImage Link(IReadOnlyList<NamedWasmModule> modules, IReadOnlyList<WasmHostExtern> hostExterns, WasmCompilerOptions? options = null)
    {
        LinkPlan plan = WasmLinker.Resolve(WasmLinker.Decode(modules, options), hostExterns);
        return ModuleCompiler.Compile(plan);
    }
}
