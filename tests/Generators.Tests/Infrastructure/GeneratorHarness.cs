using System.Collections.Immutable;
using Hyperlight.Bindings;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Hyperlight.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="BindingGenerator"/> over in-memory C# sources, the way the compiler would in a build.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(GuestFunctionAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(AbiType).Assembly.Location),
    ];

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "GeneratorInput",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Input{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver that records every named pipeline step, for the caching tests.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new BindingGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once and checks that it neither threw nor reported anything.</summary>
    public static GeneratorRun Run(params string[] sources)
    {
        CSharpCompilation input = Compile(sources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(diagnostics);
        return new GeneratorRun(input, output, result);
    }
}

/// <summary>One generator run: its input, the compilation with generated files added, and what it produced.</summary>
internal sealed record GeneratorRun(Compilation Input, Compilation Output, GeneratorRunResult Result)
{
    /// <summary>Generated files by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Errors and warnings of the compilation including the generated code.</summary>
    public IReadOnlyList<Diagnostic> OutputProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}
