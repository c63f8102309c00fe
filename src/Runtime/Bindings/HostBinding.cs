namespace Hyperlight.Bindings;

/// <summary>Runs host function number <paramref name="function"/> of one interface on the frame's arguments.</summary>
public delegate void HostDispatcher(int function, CallFrame frame);

/// <summary>A host interface and the object that implements it, as an engine sees them.</summary>
public sealed class HostBinding
{
    public HostBinding(HostInterfaceDescriptor descriptor, HostDispatcher dispatch)
    {
        Descriptor = descriptor;
        Dispatch = dispatch;
    }

    public HostInterfaceDescriptor Descriptor { get; }

    public HostDispatcher Dispatch { get; }

    internal static HostBinding For<T>(T implementation) where T : class, IHostFunctions<T>
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return new HostBinding(T.HostDescriptor, (function, frame) => T.Dispatch(implementation, function, frame));
    }
}
