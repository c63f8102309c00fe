namespace Hyperlight;

/// <summary>
/// Marks a method of a partial interface as a host function the guest may import, or, on the
/// interface, every method of it. The generator writes a dispatcher that calls the implementation.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, Inherited = false)]
public sealed class HostFunctionAttribute : Attribute
{
    public HostFunctionAttribute() { }

    /// <param name="name">The import's name when it differs from the method's.</param>
    public HostFunctionAttribute(string name) => Name = name;

    public string? Name { get; }

    /// <summary>The Wasm import module, on the interface-level attribute. Default <c>env</c>, clang's default.</summary>
    public string Module { get; set; } = DefaultModule;

    public const string DefaultModule = "env";
}
