namespace Hyperlight.Analyzers;

/// <summary>Which side of the sandbox implements a binding function.</summary>
internal enum BindingDirection
{
    /// <summary>[GuestFunction]: the guest exports it, the host calls it through a generated proxy.</summary>
    Guest,

    /// <summary>[HostFunction]: the host implements it, the guest imports it through a generated dispatcher.</summary>
    Host,
}
