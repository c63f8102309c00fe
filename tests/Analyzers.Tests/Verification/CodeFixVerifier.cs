using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Hyperlight.Analyzers.Tests.Verification;

/// <summary>
/// Applies <typeparamref name="TCodeFix"/> to test code (markup as in <see cref="AnalyzerVerifier"/>)
/// and compares the result; the fixed code must be free of Hyperlight diagnostics unless they are
/// marked in it too. Passing the source unchanged as the fixed code asserts that no fix is offered.
/// </summary>
internal static class CodeFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    /// <param name="iterations">
    /// How many rounds of fixes reach <paramref name="fixedSource"/>: more than one when fixing one
    /// diagnostic leaves another (of a different id) to fix.
    /// </param>
    public static Task VerifyAsync(string source, string fixedSource, int iterations = 1)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        if (iterations != 1)
        {
            test.NumberOfIncrementalIterations = iterations;
            test.NumberOfFixAllIterations = iterations;
        }
        return test.RunAsync();
    }

    private sealed class Test : CSharpCodeFixTest<BindingInterfaceAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestCompilation.ReferenceAssemblies;
            TestCompilation.Configure(TestState);
            TestCompilation.Configure(FixedState);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => TestCompilation.AllAnalyzers();
    }
}
