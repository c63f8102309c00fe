using System.Reflection;
using Hyperlight.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Hyperlight.Generators.Tests;

/// <summary>The incremental pipeline reuses its cached work when an edit does not change any binding interface.</summary>
public sealed class CachingTests
{
    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void Adding_an_unrelated_file_reuses_every_step()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Scenarios.GuestAllTypes, Scenarios.MethodLevel);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { public int Value => 42; }", GeneratorHarness.ParseOptions));
        GeneratorRunResult rerun = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllReused(rerun);
    }

    [Fact]
    public void Editing_trivia_in_a_binding_file_reuses_every_step()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Scenarios.GuestAllTypes, Scenarios.MethodLevel);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree original = compilation.SyntaxTrees.First();
        SyntaxTree commented = original.WithChangedText(original.GetText().Replace(0, 0, "// a comment changes nothing the generator models\n"));
        GeneratorRunResult rerun = driver.RunGenerators(compilation.ReplaceSyntaxTree(original, commented)).GetRunResult().Results.Single();

        AssertAllReused(rerun);
    }

    [Fact]
    public void Adding_a_method_regenerates_only_its_interface()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Scenarios.GuestAllTypes, Scenarios.MethodLevel);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree original = compilation.SyntaxTrees.First();
        string text = original.GetText().ToString().Replace("void Void();", "void Void();\n    int Added(int value);", StringComparison.Ordinal);
        GeneratorRunResult rerun = driver.RunGenerators(compilation.ReplaceSyntaxTree(original, original.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text))))
            .GetRunResult().Results.Single();

        var reasons = rerun.TrackedSteps[TrackingNames.GuestInterface]
            .SelectMany(step => step.Outputs)
            .Select(output => (Name: ((Hyperlight.Generators.Model.InterfaceModel)output.Value).DisplayName, output.Reason))
            .ToList();
        Assert.Contains(("Demo.Types.IAllTypes", IncrementalStepRunReason.Modified), reasons);
        Assert.Contains(("Demo.Methods.IMixed", IncrementalStepRunReason.Unchanged), reasons);
        Assert.Contains("int global::Demo.Types.IAllTypes.Added(int value)", rerun.GeneratedSources.Single(s => s.HintName.StartsWith("Demo.Types.IAllTypes", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
    }

    private static void AssertAllReused(GeneratorRunResult rerun)
    {
        Assert.Null(rerun.Exception);
        foreach (string name in StepNames)
        {
            Assert.True(rerun.TrackedSteps.TryGetValue(name, out var steps), $"Step '{name}' did not run; is WithTrackingName still applied?");
            foreach (var output in steps.SelectMany(step => step.Outputs))
            {
                Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step '{name}' produced {output.Reason} output {output.Value} after an edit that changes no binding interface.");
            }
        }

        foreach (var output in rerun.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(step => step.Outputs))
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason);
    }
}
