using Hyperlight.Generators.Tests.Infrastructure;
using Xunit.Sdk;

namespace Hyperlight.Generators.Tests;

/// <summary>The in-house snapshot check itself, in a scratch folder.</summary>
public sealed class SnapshotMechanismTests : IDisposable
{
    private const string Scenario = "Demo";
    private readonly string _directory = Directory.CreateTempSubdirectory("hyperlight-snapshots-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Verified => Path.Combine(_directory, "Demo.N.I.Guest.verified.cs");

    private string Received => Path.Combine(_directory, "Demo.N.I.Guest.received.cs");

    private static Dictionary<string, string> Generated(string text) => new() { ["N.I.Guest.g.cs"] = text };

    [Fact]
    public void A_missing_expectation_fails_and_writes_the_received_file()
    {
        var failure = Assert.Throws<FailException>(() => Snapshot.Match(_directory, Scenario, Generated("a\n"), accept: false));

        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
        Assert.Equal("a\n", File.ReadAllText(Received));
        Assert.False(File.Exists(Verified));
    }

    [Fact]
    public void A_mismatch_fails_naming_the_first_differing_line()
    {
        File.WriteAllText(Verified, "same\nold\n");

        var failure = Assert.Throws<FailException>(() => Snapshot.Match(_directory, Scenario, Generated("same\nnew\n"), accept: false));

        Assert.Contains("line 2: expected 'old' but got 'new'", failure.Message, StringComparison.Ordinal);
        Assert.Equal("same\nnew\n", File.ReadAllText(Received));
    }

    [Fact]
    public void Accepting_overwrites_the_expectation_and_removes_the_received_file()
    {
        File.WriteAllText(Verified, "old\n");
        File.WriteAllText(Received, "stale\n");

        Snapshot.Match(_directory, Scenario, Generated("new\n"), accept: true);

        Assert.Equal("new\n", File.ReadAllText(Verified));
        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void A_match_passes_and_clears_an_old_received_file()
    {
        File.WriteAllText(Verified, "same\n");
        File.WriteAllText(Received, "older attempt\n");

        Snapshot.Match(_directory, Scenario, Generated("same\n"), accept: false);

        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void An_expectation_for_a_file_no_longer_generated_fails()
    {
        File.WriteAllText(Verified, "same\n");
        string gone = Path.Combine(_directory, "Demo.N.Gone.Host.verified.cs");
        File.WriteAllText(gone, "x\n");

        var failure = Assert.Throws<FailException>(() => Snapshot.Match(_directory, Scenario, Generated("same\n"), accept: false));

        Assert.Contains("Demo.N.Gone.Host.verified.cs is expected but the generator no longer produces it", failure.Message, StringComparison.Ordinal);
    }
}
