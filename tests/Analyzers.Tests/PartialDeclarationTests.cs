using Hyperlight.Analyzers.Tests.Verification;

namespace Hyperlight.Analyzers.Tests;

/// <summary>HL0001 and HL0002: the generator must be able to reopen the interface and every type around it.</summary>
public sealed class PartialDeclarationTests
{
    [Fact]
    public Task Guest_interface_without_partial_is_reported_by_name() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            namespace Demo;

            [GuestFunction]
            public interface {|#0:ICalculator|}
            {
                int Add(int a, int b);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.InterfaceNotPartial).WithLocation(0).WithArguments("ICalculator"));

    [Fact]
    public Task Interface_with_only_method_level_attributes_must_be_partial_too() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            internal interface {|HL0001:IHostApi|}
            {
                [HostFunction("log")]
                void Log(string message);
            }
            """);

    [Fact]
    public Task Partial_interface_split_over_two_files_is_accepted() =>
        AnalyzerVerifier.VerifyAsync(
        [
            ("/0/ICalculator.cs", """
                using Hyperlight;

                namespace Demo;

                [GuestFunction]
                public partial interface ICalculator
                {
                    int Add(int a, int b);
                }
                """),
            ("/0/ICalculator.Text.cs", """
                namespace Demo;

                public partial interface ICalculator
                {
                    string Format(double value);
                }
                """),
        ]);

    [Fact]
    public Task Interface_nested_in_a_non_partial_class_names_the_class() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            public static class Bindings
            {
                [GuestFunction]
                public partial interface {|#0:ICalculator|}
                {
                    int Add(int a, int b);
                }
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.ContainingTypeNotPartial).WithLocation(0).WithArguments("ICalculator", "Bindings"));

    [Fact]
    public Task Only_the_nearest_non_partial_container_is_named_once() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            public class Outer
            {
                public partial struct Middle
                {
                    public partial interface {|#0:IHostApi|}
                    {
                        [HostFunction]
                        long NowTicks();
                    }
                }
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.ContainingTypeNotPartial).WithLocation(0).WithArguments("IHostApi", "Outer"));

    [Fact]
    public Task Interface_nested_in_partial_types_is_accepted() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            public static partial class Plugins
            {
                internal partial record Settings
                {
                    [GuestFunction]
                    internal partial interface IPlugin
                    {
                        void Start();
                    }
                }
            }
            """);

    [Fact]
    public Task Interfaces_without_binding_attributes_are_not_analyzed() =>
        AnalyzerVerifier.VerifyAsync("""
            public class Container
            {
                public interface IRepository<T>
                {
                    T Find(ref int id);
                    int Count { get; }
                }
            }
            """);

    [Fact]
    public Task Attributes_of_the_same_name_from_another_namespace_are_ignored() =>
        AnalyzerVerifier.VerifyAsync("""
            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.Interface)]
                public sealed class GuestFunctionAttribute : System.Attribute { }

                [GuestFunction]
                public interface IUnrelated
                {
                    object Get(out int value);
                }
            }
            """);
}
