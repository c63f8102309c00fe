using Hyperlight.Bindings;

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
}
