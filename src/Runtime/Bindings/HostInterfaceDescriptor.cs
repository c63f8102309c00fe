namespace Hyperlight.Bindings;

/// <summary>The imports a host interface provides, in method order (the dispatcher's function numbers).</summary>
public sealed class HostInterfaceDescriptor
{
    public HostInterfaceDescriptor(string interfaceName, string module, params FunctionDescriptor[] functions)
    {
        InterfaceName = interfaceName;
        Module = module;
        Functions = functions;
    }

    public string InterfaceName { get; }

    /// <summary>The Wasm import module these functions live in.</summary>
    public string Module { get; }

    public IReadOnlyList<FunctionDescriptor> Functions { get; }
}
