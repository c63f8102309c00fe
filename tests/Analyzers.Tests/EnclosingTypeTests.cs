using Hyperlight.Analyzers.Tests.Verification;

namespace Hyperlight.Analyzers.Tests;

/// <summary>HL0018 and HL0019: the generated part must be able to name and see the interface.</summary>
public sealed class EnclosingTypeTests
{
    [Fact]
    public Task Interface_nested_in_a_generic_class_is_reported() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            public partial class Cache<TValue>
            {
                [HostFunction]
                public partial interface {|#0:IHostApi|}
                {
                    byte[] Load(string key);
                }
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.NestedInGenericType).WithLocation(0).WithArguments("IHostApi", "Cache"));

    [Fact]
    public Task File_local_interface_is_reported() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            file partial interface {|#0:ICalculator|}
            {
                int Add(int a, int b);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.FileLocalInterface).WithLocation(0).WithArguments("ICalculator", "ICalculator"));

    [Fact]
    public Task Interface_inside_a_file_local_class_is_reported_naming_the_class() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            file static partial class Local
            {
                [GuestFunction]
                public partial interface {|#0:ICalculator|}
                {
                    int Add(int a, int b);
                }
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.FileLocalInterface).WithLocation(0).WithArguments("ICalculator", "Local"));
}
