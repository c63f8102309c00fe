using Hyperlight.Generators.Tests.Infrastructure;

namespace Hyperlight.Generators.Tests;

/// <summary>
/// Shapes the generator cannot extend are skipped without an exception (the analyzers report them),
/// and odd but legal input still yields code that compiles.
/// </summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("[GuestFunction] public interface INotPartial { int M(); }")]
    [InlineData("[GuestFunction] public partial interface IGeneric<T> { int M(); }")]
    [InlineData("public class NotPartial { [GuestFunction] public partial interface INested { int M(); } }")]
    [InlineData("public partial class Generic<T> { [HostFunction] public partial interface INested { int M(); } }")]
    [InlineData("[HostFunction] file partial interface IFileLocal { int M(); }")]
    [InlineData("public class C { [GuestFunction] public int NotInAnInterface() => 0; }")]
    public void Interfaces_it_cannot_extend_are_skipped(string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run("using Hyperlight;\n" + declaration);

        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("public partial interface IBroken { [GuestFunction] int M(")]
    [InlineData("[GuestFunction] public partial interface IUnknownTypes { Missing M(AlsoMissing x); }")]
    [InlineData("[HostFunction(Module = null)] public partial interface INullModule { [HostFunction(null)] int M(); }")]
    [InlineData("[GuestFunction(42)] public partial interface IWrongArgument { [GuestFunction(\"\")] int M(); }")]
    public void Invalid_code_does_not_make_the_generator_fail(string declaration)
    {
        // Run asserts that the generator neither threw nor reported a diagnostic of its own.
        GeneratorHarness.Run("using Hyperlight;\n" + declaration);
    }

    [Fact]
    public void Several_marked_methods_and_split_partial_declarations_yield_one_file()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Hyperlight; public partial interface ISplit { [GuestFunction] int A(); [GuestFunction] int B(); }",
            "using Hyperlight; public partial interface ISplit { [GuestFunction] int C(); }");

        string source = Assert.Single(run.Sources).Value;
        Assert.Contains("\"A\"", source, StringComparison.Ordinal);
        Assert.Contains("\"C\"", source, StringComparison.Ordinal);
        Assert.Empty(run.OutputProblems);
    }

    [Fact]
    public void Interfaces_whose_names_differ_only_in_case_get_distinct_files()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Hyperlight; namespace N; [GuestFunction] public partial interface IApi { int M(); } [GuestFunction] public partial interface Iapi { int M(); }");

        Assert.Equal(["N.IApi.Guest.g.cs", "N.Iapi.Guest.1.g.cs"], run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(run.OutputProblems);
    }

    [Fact]
    public void An_interface_may_be_both_a_guest_and_a_host_interface()
    {
        GeneratorRun run = GeneratorHarness.Run("using Hyperlight; [GuestFunction, HostFunction] public partial interface IBoth { int M(int x); }");

        Assert.Equal(["IBoth.Guest.g.cs", "IBoth.Host.g.cs"], run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(run.OutputProblems);
    }

    [Fact]
    public void Identifiers_that_are_keywords_are_escaped_everywhere()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using Hyperlight;
            namespace Demo.@event;
            public partial class @class
            {
                [GuestFunction] public partial interface @interface { int @return(int @in, string @string); }
                [HostFunction] public partial interface @delegate { void @void(long @long); }
            }
            """);

        Assert.Equal(2, run.Sources.Count);
        Assert.Empty(run.OutputProblems);
        Assert.Contains("FunctionDescriptor(\"return\", \"return\"", run.Sources.Single(pair => pair.Key.EndsWith(".Guest.g.cs", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_with_more_parameters_than_frame_slots_is_not_bound()
    {
        string parameters = string.Join(", ", Enumerable.Range(0, 33).Select(i => $"int p{i}"));
        GeneratorRun run = GeneratorHarness.Run($"using Hyperlight; [GuestFunction] public partial interface IWide {{ void Fits(int a); void TooMany({parameters}); }}");

        string source = Assert.Single(run.Sources).Value;
        Assert.DoesNotContain("FunctionDescriptor(\"TooMany\"", source, StringComparison.Ordinal);
        Assert.Contains("TooMany(int p0", source, StringComparison.Ordinal);
        Assert.Contains("NotSupportedException", source, StringComparison.Ordinal);
        Assert.Empty(run.OutputProblems);
    }

    [Fact]
    public void Unsupported_host_methods_are_left_out_of_the_dispatcher()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Hyperlight; [HostFunction] public partial interface IHost { void Good(int x); object Bad(); void Worse(ref int x); int Last(); }");

        string source = Assert.Single(run.Sources).Value;
        Assert.Contains("case 1:\n                frame.SetInt32(0, implementation.Last());", source, StringComparison.Ordinal);
        Assert.DoesNotContain("Bad", source, StringComparison.Ordinal);
        Assert.DoesNotContain("Worse", source, StringComparison.Ordinal);
        Assert.Empty(run.OutputProblems);
    }

    [Fact]
    public void Methods_that_need_no_proxy_are_ignored()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Hyperlight; [GuestFunction] public partial interface IMembers { int M(); static int S() => 1; int WithBody() => 2; int Property { get; } }");

        string source = Assert.Single(run.Sources).Value;
        Assert.Contains("FunctionDescriptor(\"M\"", source, StringComparison.Ordinal);
        Assert.DoesNotContain("WithBody", source, StringComparison.Ordinal);
        Assert.DoesNotContain("\"S\"", source, StringComparison.Ordinal);
    }
}
