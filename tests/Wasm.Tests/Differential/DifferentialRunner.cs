using System.Text;
using Hyperlight.Images;
using Hyperlight.Wasm.Tests.Compiler.Harness;

namespace Hyperlight.Wasm.Tests.Differential;

/// <summary>
/// Runs a module on the compiled image and on Wasmtime with identical calls and collects every
/// difference in results or trap kinds. Calls run in the same order on both, so state kept in
/// memory, globals and tables evolves identically.
/// </summary>
internal static class DifferentialRunner
{
    /// <summary>Calls each callable export with its edge-value vectors (or <paramref name="calls"/> when given).</summary>
    public static List<string> Run(byte[] wasm, IEnumerable<(string Export, ulong[] Arguments)>? calls = null, int vectorLimit = 600) =>
        Run(wasm, new DifferentialStatistics(), calls, vectorLimit);

    /// <summary>As <see cref="Run(byte[], IEnumerable{ValueTuple{string, ulong[]}}?, int)"/>, counting calls and traps into <paramref name="statistics"/>.</summary>
    public static List<string> Run(byte[] wasm, DifferentialStatistics statistics, IEnumerable<(string Export, ulong[] Arguments)>? calls = null, int vectorLimit = 600)
    {
        var differences = new List<string>();
        GuestImage image = WasmCompiler.Compile(wasm);
        using var ours = new InProcessHarness(image);
        using var reference = new WasmtimeReference(wasm);
        if (ours.InitializationOutcome?.Trap != reference.InitializationOutcome?.Trap)
        {
            differences.Add($"instantiation: ours {ours.InitializationOutcome?.ToString() ?? "ok"}, wasmtime {reference.InitializationOutcome?.ToString() ?? "ok"}");
            return differences;
        }
        if (reference.InitializationOutcome is not null)
            return differences;

        calls ??= image.Exports.SelectMany(e => EdgeValues.Vectors(e.Parameters, vectorLimit).Select(v => (e.Name, v)));
        foreach (var (export, arguments) in calls)
        {
            CallOutcome a = ours.Call(export, arguments);
            CallOutcome b = reference.Call(export, arguments);
            statistics.Calls++;
            if (b.Trap is not null)
                statistics.Traps++;
            if (!OutcomeComparer.Same(a, b, ours.Export(export).Results))
                differences.Add($"{export}({string.Join(", ", arguments.Select(x => $"0x{x:x}"))}): ours {a}, wasmtime {b}");
        }
        return differences;
    }

    public static string Describe(List<string> differences) =>
        new StringBuilder().AppendLine($"{differences.Count} differences:").AppendJoin(Environment.NewLine, differences.Take(40)).ToString();
}

/// <summary>How many calls a differential run made and how many of them trapped (so a run can prove it exercised both paths).</summary>
internal sealed class DifferentialStatistics
{
    public int Calls { get; set; }

    public int Traps { get; set; }
}
