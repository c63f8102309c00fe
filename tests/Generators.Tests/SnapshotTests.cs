using Hyperlight.Generators.Tests.Infrastructure;

namespace Hyperlight.Generators.Tests;

/// <summary>The generated code, file by file, against the checked-in expectations in Snapshots/.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData(nameof(Scenarios.GuestAllTypes), Scenarios.GuestAllTypes)]
    [InlineData(nameof(Scenarios.HostAllTypes), Scenarios.HostAllTypes)]
    [InlineData(nameof(Scenarios.MethodLevel), Scenarios.MethodLevel)]
    [InlineData(nameof(Scenarios.Nesting), Scenarios.Nesting)]
    public void Generated_code_matches_the_snapshot(string scenario, string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.NotEmpty(run.Sources);
        Snapshot.Match(scenario, run.Sources);
    }

    [Theory]
    [InlineData(nameof(Scenarios.GuestAllTypes), Scenarios.GuestAllTypes)]
    [InlineData(nameof(Scenarios.HostAllTypes), Scenarios.HostAllTypes)]
    [InlineData(nameof(Scenarios.MethodLevel), Scenarios.MethodLevel)]
    [InlineData(nameof(Scenarios.Nesting), Scenarios.Nesting)]
    public void Generated_code_compiles_without_errors_or_warnings(string scenario, string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.True(run.OutputProblems.Count == 0, $"{scenario}:\n" + string.Join("\n", run.OutputProblems));
    }
}
