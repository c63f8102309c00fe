namespace Hyperlight.Bindings;

/// <summary>
/// Implemented by the generator on every guest interface: how to describe it and how to make its
/// proxy, with no reflection (static abstract members, resolved at compile time).
/// </summary>
public interface IGuestFunctions<TSelf> where TSelf : class, IGuestFunctions<TSelf>
{
    static abstract GuestInterfaceDescriptor GuestDescriptor { get; }

    static abstract TSelf CreateProxy(GuestBinding binding);
}
