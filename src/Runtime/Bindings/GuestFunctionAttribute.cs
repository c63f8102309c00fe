namespace Hyperlight;

/// <summary>
/// Marks a method of a partial interface as a function exported by the guest, or, on the interface,
/// every method of it. The generator writes a proxy that calls the export.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, Inherited = false)]
public sealed class GuestFunctionAttribute : Attribute
{
    public GuestFunctionAttribute() { }

    /// <param name="name">The export's name when it differs from the method's.</param>
    public GuestFunctionAttribute(string name) => Name = name;

    public string? Name { get; }
}
