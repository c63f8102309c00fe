using System.Text;
using Hyperlight.Wasm.Tests.Binary;
using Hyperlight.Wasm.Tests.Validation;
using Hyperlight.Wasm.Validation;
using Wasmtime;

namespace Hyperlight.Wasm.Tests.Fuzz;

/// <summary>
/// Mutates real modules and checks two things for every mutant: our reader either accepts it or
/// throws <see cref="WasmCompileException"/> (nothing else, no hang), and its decision matches
/// Wasmtime's validator configured for exactly Wasm 2.0. The run is deterministic; set
/// HL_FUZZ_MUTANTS and HL_FUZZ_SEED for a longer or different campaign.
/// </summary>
public sealed class DifferentialFuzzTests : IDisposable
{
    private static readonly int MutantsPerModule =
        int.TryParse(Environment.GetEnvironmentVariable("HL_FUZZ_MUTANTS"), out int count) && count > 0 ? count : 5_000;

    private static readonly int Seed =
        int.TryParse(Environment.GetEnvironmentVariable("HL_FUZZ_SEED"), out int seed) ? seed : 0x5EED;

    private readonly Engine _engine = new(Wasm2Config());

    public static TheoryData<int> CorpusIndices() => [.. Enumerable.Range(0, CorpusModules.All.Count)];

    [Theory]
    [MemberData(nameof(CorpusIndices))]
    public void Mutants_are_accepted_or_rejected_exactly_like_wasmtime_does(int corpusIndex)
    {
        byte[] original = Wat.ToWasm(CorpusModules.All[corpusIndex]);
        Assert.Null(Module.Validate(_engine, original));
        var mutator = new ModuleMutator(Seed + corpusIndex);
        var disagreements = new StringBuilder();
        int rejected = 0;
        int disagreementCount = 0;

        for (int i = 0; i < MutantsPerModule; i++)
        {
            byte[] mutant = mutator.Mutate(original);
            string? ours = OurVerdict(mutant);
            string? theirs = Module.Validate(_engine, mutant);
            if (ours is not null)
                rejected++;
            if ((ours is null) != (theirs is null))
            {
                disagreementCount++;
                if (disagreementCount <= 5)
                    disagreements.AppendLine($"mutant {i}: ours: {ours ?? "valid"} | wasmtime: {theirs ?? "valid"} | {Convert.ToHexString(mutant)}");
            }
        }

        Assert.True(disagreementCount == 0, $"{disagreementCount} of {MutantsPerModule} mutants judged differently:\n{disagreements}");
        // The mutator must actually produce both outcomes, or the comparison proves little.
        Assert.InRange(rejected, MutantsPerModule / 10, MutantsPerModule - (MutantsPerModule / 50));
    }

    /// <summary>Null when the module is accepted; the error message otherwise. Any other exception escapes and fails the test.</summary>
    private static string? OurVerdict(byte[] bytes)
    {
        try
        {
            WasmModuleReader.ReadAndValidate(bytes);
            return null;
        }
        catch (WasmCompileException error)
        {
            return error.Message;
        }
    }

    /// <summary>Wasmtime with every post-2.0 proposal it lets us turn off, turned off (and SIMD, which we leave out).</summary>
    internal static Config Wasm2Config() => new Config()
        .WithBulkMemory(true)
        .WithMultiValue(true)
        .WithReferenceTypes(true)
        .WithSIMD(false)
        .WithRelaxedSIMD(false, false)
        .WithMultiMemory(false)
        .WithMemory64(false)
        .WithGc(false)
        .WithFunctionReferences(false)
        .WithTailCalls(false)
        .WithExceptions(false)
        .WithWasmThreads(false)
        .WithWideArithmetic(false);

    public void Dispose() => _engine.Dispose();
}
