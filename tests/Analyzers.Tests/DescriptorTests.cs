using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hyperlight.Analyzers.Tests;

/// <summary>Every rule is documented, tracked for release, and shaped the same way.</summary>
public sealed partial class DescriptorTests
{
    private const string HelpLinkBase = "https://github.com/hyperlight-dotnet/hyperlight/blob/main/docs/diagnostics/";

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in AllDescriptors())
            data.Add(descriptor.Id);
        return data;
    }

    [Fact]
    public void Every_declared_id_has_exactly_one_descriptor()
    {
        var declared = typeof(DiagnosticIds)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (string)field.GetRawConstantValue()!)
            .Order()
            .ToArray();
        var described = AllDescriptors().Select(d => d.Id).Order().ToArray();

        Assert.Equal(declared, described);
        Assert.Equal(declared.Length, declared.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_an_error_in_the_hyperlight_category_with_a_help_link(string id)
    {
        var descriptor = Descriptor(id);

        Assert.Matches(IdPattern(), id);
        Assert.Equal("Hyperlight", descriptor.Category);
        Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.Equal(HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        // Every message names the offending symbol.
        Assert.Contains("{0}", descriptor.MessageFormat.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_page_exists_with_a_wrong_and_a_right_example(string id)
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics", id + ".md"));

        Assert.StartsWith("# " + id + ": " + Descriptor(id).Title, page, StringComparison.Ordinal);
        Assert.True(CodeBlockCount(page) >= 2, $"{id}.md needs a wrong and a right example");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Rule_is_listed_in_the_index_and_the_release_tracking_file(string id)
    {
        var index = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics", "README.md"));
        var unshipped = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Analyzers", "AnalyzerReleases.Unshipped.md"));

        Assert.Contains($"[{id}]({id}.md)", index, StringComparison.Ordinal);
        Assert.Contains($"{id} | Hyperlight | Error |", unshipped, StringComparison.Ordinal);
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        new DiagnosticAnalyzer[] { new BindingInterfaceAnalyzer(), new MisplacedAttributeAnalyzer() }
            .SelectMany(analyzer => analyzer.SupportedDiagnostics);

    private static DiagnosticDescriptor Descriptor(string id) => AllDescriptors().Single(d => d.Id == id);

    private static int CodeBlockCount(string markdown) => Regex.Matches(markdown, "^```csharp$", RegexOptions.Multiline).Count;

    /// <summary>Baked in at build time: the test binaries live under HL_ARTIFACTS, outside the checkout.</summary>
    private static string RepositoryRoot() =>
        typeof(DescriptorTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "RepositoryRoot").Value!;

    [GeneratedRegex("^HL[0-9]{4}$")]
    private static partial Regex IdPattern();
}
