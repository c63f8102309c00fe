using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Hyperlight.Analyzers.Tests.Verification;

/// <summary>
/// What every test compilation references: the .NET 10 reference assemblies from a package (the
/// testing library would otherwise download a reference pack at run time) and the Hyperlight
/// assemblies, so the attributes resolve exactly as in a user's project.
/// </summary>
internal static class TestCompilation
{
    /// <summary>No packages to resolve: the references come from <see cref="References"/>.</summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = new("net10.0");

    public static IReadOnlyList<MetadataReference> References { get; } =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(Hyperlight.GuestFunctionAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Hyperlight.AbiType).Assembly.Location),
    ];

    public static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(References);
    }

    /// <summary>The analyzers a Hyperlight user gets: tests run all of them, so stray reports fail too.</summary>
    public static IEnumerable<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> AllAnalyzers() =>
        [new BindingInterfaceAnalyzer(), new MisplacedAttributeAnalyzer()];
}
