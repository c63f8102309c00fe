using System.Collections;
using System.Reflection;
using Hyperlight.Generators.Model;
using Hyperlight.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Hyperlight.Generators.Tests;

/// <summary>
/// Pipeline models must hold plain data only: a symbol, syntax node, compilation or location would
/// keep a whole compilation alive between runs and defeat caching (its equality is by reference).
/// </summary>
public sealed class PipelineModelTests
{
    [Fact]
    public void Tracked_step_outputs_hold_only_strings_enums_and_model_records()
    {
        GeneratorRun run = GeneratorHarness.Run(Scenarios.GuestAllTypes, Scenarios.MethodLevel, Scenarios.Nesting);
        int walked = 0;

        foreach (string name in new[] { TrackingNames.GuestTargets, TrackingNames.GuestInterfaces, TrackingNames.GuestInterface, TrackingNames.HostTargets, TrackingNames.HostInterfaces, TrackingNames.HostInterface })
        {
            foreach (var output in run.Result.TrackedSteps[name].SelectMany(step => step.Outputs))
                walked += Walk(output.Value, $"{name} output", new HashSet<object>(ReferenceEqualityComparer.Instance));
        }

        Assert.True(walked > 100, $"Only {walked} values were walked; the pipeline produced less than the scenarios should.");
    }

    [Fact]
    public void The_walk_rejects_a_symbol()
    {
        ISymbol symbol = GeneratorHarness.Compile("class C { }").GetTypeByMetadataName("C")!;

        var failure = Assert.ThrowsAny<Exception>(() => Walk(new[] { symbol }, "array", new HashSet<object>(ReferenceEqualityComparer.Instance)));
        Assert.Contains("ISymbol", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Visits every value reachable from <paramref name="value"/> and fails on anything not plain data; returns how many it saw.</summary>
    private static int Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            return 1;

        Type type = value.GetType();
        foreach (Type forbidden in new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(Location), typeof(SemanticModel), typeof(SyntaxTree) })
            Assert.False(forbidden.IsAssignableFrom(type), $"{path} holds a {forbidden.Name} ({type.FullName}).");

        if (!type.IsValueType && !seen.Add(value))
            return 0;

        if (value is IEnumerable sequence)
            return 1 + sequence.Cast<object?>().Select((item, i) => Walk(item, $"{path}[{i}]", seen)).Sum();

        Assert.True(type.Namespace == typeof(InterfaceModel).Namespace, $"{path} holds a {type.FullName}, which is not a generator model type.");
        int count = 1;
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            count += Walk(field.GetValue(value), $"{path}.{field.Name}", seen);
        return count;
    }
}
