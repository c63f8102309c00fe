namespace Hyperlight.Wasm.Tests.Differential;

/// <summary>
/// Every module in Corpus/*.wat runs on the compiled image and on Wasmtime; each callable export is
/// called with the edge values of its parameter types and results and trap kinds must agree.
/// </summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Modules() => [.. Corpus.Files()];

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_behaves_like_wasmtime(string file)
    {
        byte[] wasm = Corpus.Load(file);

        List<string> differences = DifferentialRunner.Run(wasm);

        Assert.True(differences.Count == 0, DifferentialRunner.Describe(differences));
    }
}
