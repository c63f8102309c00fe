using System.Runtime.CompilerServices;

namespace Hyperlight.Generators.Tests.Infrastructure;

/// <summary>
/// In-house snapshot checks (the Verify packages cannot be restored here, DESIGN.md §3): every
/// generated file must equal Snapshots/&lt;scenario&gt;.&lt;hint name&gt;.verified.cs. On a mismatch the actual
/// text is written next to it as .received.cs and the test fails; HYPERLIGHT_ACCEPT_SNAPSHOTS=1
/// overwrites the expected files instead.
/// </summary>
internal static class Snapshot
{
    private const string AcceptVariable = "HYPERLIGHT_ACCEPT_SNAPSHOTS";

    /// <summary>Checks <paramref name="generated"/> (hint name → text) against the project's Snapshots folder.</summary>
    public static void Match(string scenario, IReadOnlyDictionary<string, string> generated) =>
        Match(
            Path.Combine(Path.GetDirectoryName(InfrastructureDirectory())!, "Snapshots"),
            scenario,
            generated,
            accept: Environment.GetEnvironmentVariable(AcceptVariable) == "1");

    internal static void Match(string directory, string scenario, IReadOnlyDictionary<string, string> generated, bool accept)
    {
        var failures = new List<string>();

        var expectedFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string hintName, string actual) in generated.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            string stem = Path.Combine(directory, scenario + "." + hintName.Replace(".g.cs", "", StringComparison.Ordinal));
            string verified = stem + ".verified.cs";
            string received = stem + ".received.cs";
            expectedFiles.Add(verified);
            string? expected = File.Exists(verified) ? File.ReadAllText(verified) : null;
            if (expected == actual)
            {
                File.Delete(received);
                continue;
            }

            if (accept)
            {
                File.WriteAllText(verified, actual);
                File.Delete(received);
                continue;
            }

            File.WriteAllText(received, actual);
            failures.Add(expected is null
                ? $"{verified} does not exist; the generated text is in {received}."
                : $"{verified} differs from {received}: {FirstDifference(expected, actual)}");
        }

        foreach (string stale in Directory.GetFiles(directory, scenario + ".*.verified.cs").Where(path => !expectedFiles.Contains(path)))
        {
            if (accept)
                File.Delete(stale);
            else
                failures.Add($"{stale} is expected but the generator no longer produces it.");
        }

        if (failures.Count > 0)
            Assert.Fail($"Generated code does not match the snapshots (set {AcceptVariable}=1 to accept):\n" + string.Join("\n", failures));
    }

    /// <summary>The first differing line, as "line N: expected '…' but got '…'".</summary>
    internal static string FirstDifference(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            string? e = i < expectedLines.Length ? expectedLines[i] : null;
            string? a = i < actualLines.Length ? actualLines[i] : null;
            if (e != a)
                return $"line {i + 1}: expected '{e ?? "<end of file>"}' but got '{a ?? "<end of file>"}'";
        }
        return "no line differs";
    }

    /// <summary>This file's folder in the source tree (the tests run where they were built), found at compile time.</summary>
    private static string InfrastructureDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}
