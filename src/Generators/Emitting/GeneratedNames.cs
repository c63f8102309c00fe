namespace Hyperlight.Generators.Emitting;

/// <summary>
/// Names of members the generator adds to user interfaces. The double-underscore prefix keeps them
/// out of the way of user-declared members, which the proxy would otherwise have to share a scope with.
/// </summary>
internal static class GeneratedNames
{
    public const string GuestDescriptorField = "__HyperlightGuestDescriptor";
    public const string HostDescriptorField = "__HyperlightHostDescriptor";
    public const string GuestProxyClass = "__HyperlightGuestProxy";

    /// <summary>Locals and fields inside generated members; user parameter names cannot start with a double underscore by convention.</summary>
    public const string FrameLocal = "__frame";
    public const string BindingField = "__binding";
}
