using Hyperlight.Bindings;
using Hyperlight.Wasm;

namespace Hyperlight.Engines;

/// <summary>Everything an engine needs to create a guest instance.</summary>
public sealed class SandboxSetup
{
    public SandboxSetup(ReadOnlyMemory<byte> module, IReadOnlyList<HostBinding> hostBindings, SandboxOptions options)
    {
        Module = module;
        HostBindings = hostBindings;
        Options = options;
    }

    /// <summary>The Wasm module in binary format.</summary>
    public ReadOnlyMemory<byte> Module { get; }

    public IReadOnlyList<HostBinding> HostBindings { get; }

    public SandboxOptions Options { get; }

    /// <summary>Modules instantiated, in order, before <see cref="Module"/> (the main module), each importable by its name.</summary>
    public IReadOnlyList<LinkedWasmModule> LinkedModules { get; init; } = [];

    /// <summary>Globals, memories and tables the host defines for the modules to import.</summary>
    public IReadOnlyList<HostDefinition> HostDefinitions { get; init; } = [];

    /// <summary>The modules in instantiation order, as the link checks and the compiler take them: the linked ones, then the main one.</summary>
    internal NamedWasmModule[] ModulesToLink() =>
        [.. LinkedModules.Select(m => new NamedWasmModule(m.Name, m.Bytes)), new NamedWasmModule(WasmLinkUnit.MainModuleName, Module)];
}
