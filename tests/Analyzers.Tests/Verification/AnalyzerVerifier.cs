using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Hyperlight.Analyzers.Tests.Verification;

/// <summary>
/// Runs the Hyperlight analyzers over test code. Expected diagnostics are written into the source
/// as markup: <c>{|HL0001:ICalculator|}</c> for an id and exact span, or <c>{|#0:...|}</c> paired with
/// <see cref="Diagnostic(string)"/><c>.WithLocation(0).WithArguments(...)</c> to check the message too.
/// </summary>
internal static class AnalyzerVerifier
{
    public static DiagnosticResult Diagnostic(string id) =>
        new(TestCompilation.AllAnalyzers().SelectMany(analyzer => analyzer.SupportedDiagnostics).Single(descriptor => descriptor.Id == id));

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync([("/0/Test0.cs", source)], expected);

    /// <summary>Several files, for partial declarations and generated parts.</summary>
    public static Task VerifyAsync((string Path, string Source)[] sources, params DiagnosticResult[] expected)
    {
        var test = new Test(runGenerator: false);
        foreach (var source in sources)
            test.TestState.Sources.Add(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>
    /// Also runs the binding generator, as a user's build does. Its output is not compared here (the
    /// generator's own snapshot tests do that); the source may use it, so it must be generated.
    /// </summary>
    public static Task VerifyWithGeneratorAsync(string source)
    {
        var test = new Test(runGenerator: true) { TestCode = source };
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        return test.RunAsync();
    }

    private sealed class Test : CSharpAnalyzerTest<BindingInterfaceAnalyzer, DefaultVerifier>
    {
        private readonly bool _runGenerator;

        public Test(bool runGenerator)
        {
            _runGenerator = runGenerator;
            ReferenceAssemblies = TestCompilation.ReferenceAssemblies;
            TestCompilation.Configure(TestState);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => TestCompilation.AllAnalyzers();

        protected override IEnumerable<Type> GetSourceGenerators() =>
            _runGenerator ? [typeof(Hyperlight.Generators.BindingGenerator)] : [];
    }
}
