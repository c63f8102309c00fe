namespace Hyperlight.Bindings;

/// <summary>The exports a guest interface expects, in method order (the proxy's function numbers).</summary>
public sealed class GuestInterfaceDescriptor
{
    public GuestInterfaceDescriptor(string interfaceName, params FunctionDescriptor[] functions)
    {
        InterfaceName = interfaceName;
        Functions = functions;
    }

    public string InterfaceName { get; }

    public IReadOnlyList<FunctionDescriptor> Functions { get; }
}
