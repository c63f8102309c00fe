namespace Hyperlight.Generators;

/// <summary>Names of the generator's pipeline steps, for incremental-caching tests.</summary>
public static class TrackingNames
{
    /// <summary>One guest interface model per attributed syntax node (duplicates for several marked methods).</summary>
    public const string GuestTargets = nameof(GuestTargets);

    /// <summary>The distinct guest interface models, with unique hint names.</summary>
    public const string GuestInterfaces = nameof(GuestInterfaces);

    /// <summary>One guest interface model per generated file.</summary>
    public const string GuestInterface = nameof(GuestInterface);

    /// <summary>One host interface model per attributed syntax node.</summary>
    public const string HostTargets = nameof(HostTargets);

    /// <summary>The distinct host interface models, with unique hint names.</summary>
    public const string HostInterfaces = nameof(HostInterfaces);

    /// <summary>One host interface model per generated file.</summary>
    public const string HostInterface = nameof(HostInterface);
}
