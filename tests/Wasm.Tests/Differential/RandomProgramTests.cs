
namespace Hyperlight.Wasm.Tests.Differential;

/// <summary>
/// Thousands of generated programs per run (<see cref="ProgramGenerator"/>), each compiled by us and
/// by Wasmtime and called with the same random edge-value arguments; results and trap kinds must
/// agree. Seeds are fixed so any failure reproduces; the message carries the seed and the function.
/// </summary>
public sealed class RandomProgramTests
{
    private const int FunctionsPerModule = 40;
    private const int CallsPerFunction = 3;

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 10).Select(batch => batch * 1000)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generated_programs_behave_like_wasmtime(int firstSeed)
    {
        var failures = new List<string>();
        var statistics = new DifferentialStatistics();
        for (int seed = firstSeed; seed < firstSeed + 6; seed++)
        {
            var generator = new ProgramGenerator(seed);
            byte[] wasm = global::Wasmtime.Module.ConvertText(generator.Module(FunctionsPerModule));
            var random = new Random(seed);
            var calls = generator.Functions
                .SelectMany(f => Enumerable.Range(0, CallsPerFunction).Select(_ => (f.Name, Arguments(random))))
                .ToList();

            foreach (string difference in DifferentialRunner.Run(wasm, statistics, calls))
            {
                string function = difference[..difference.IndexOf('(', StringComparison.Ordinal)];
                failures.Add($"seed {seed}: {difference}\n{generator.Functions.First(f => f.Name == function).Wat}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} differences:\n{string.Join("\n", failures.Take(5))}");
        // The generator must exercise both outcomes, or the comparison above proves little.
        Assert.InRange(statistics.Traps, statistics.Calls / 50, statistics.Calls / 2);
        Assert.True(statistics.Calls >= 6 * FunctionsPerModule * CallsPerFunction);
    }

    private static ulong[] Arguments(Random random) =>
    [
        Pick(random, EdgeValues.For(CoreValueType.I32)),
        Pick(random, EdgeValues.For(CoreValueType.I64)),
        Pick(random, EdgeValues.For(CoreValueType.F32)),
        Pick(random, EdgeValues.For(CoreValueType.F64)),
    ];

    private static ulong Pick(Random random, ulong[] values) => values[random.Next(values.Length)];
}
