using Hyperlight.Analyzers.Tests.Verification;

namespace Hyperlight.Analyzers.Tests;

/// <summary>HL0008 to HL0011: parameters travel by copy, cancellation stays host-side, and all values fit the frame.</summary>
public sealed class ParameterTests
{
    [Theory]
    [InlineData("ref")]
    [InlineData("out")]
    [InlineData("in")]
    [InlineData("ref readonly")]
    public Task By_reference_parameter_is_reported_on_its_modifiers(string modifiers) =>
        AnalyzerVerifier.VerifyAsync($$"""
            using Hyperlight;

            [GuestFunction]
            public partial interface ICounter
            {
                void Increment({|#0:{{modifiers}}|} int counter);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.ParameterModifier).WithLocation(0).WithArguments("counter", "ICounter.Increment", modifiers));

    [Fact]
    public Task Params_parameter_is_reported() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [HostFunction]
            public partial interface IHostApi
            {
                void Write(int fd, {|#0:params|} byte[] data);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.ParameterModifier).WithLocation(0).WithArguments("data", "IHostApi.Write", "params"));

    [Fact]
    public Task Params_of_an_unsupported_element_type_gets_both_reports() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface ICalculator
            {
                int Sum({|HL0008:params|} {|HL0005:int[]|} values);
            }
            """);

    [Fact]
    public Task One_cancellation_token_in_a_guest_function_is_accepted_anywhere_in_the_list() =>
        AnalyzerVerifier.VerifyAsync("""
            using System.Threading;
            using Hyperlight;

            [GuestFunction]
            public partial interface IWorker
            {
                int Compute(int input, CancellationToken cancellationToken);
                void Warm(CancellationToken cancellationToken, string cacheKey);
            }
            """);

    [Fact]
    public Task Cancellation_token_in_a_host_function_is_reported_on_the_parameter() =>
        AnalyzerVerifier.VerifyAsync("""
            using System.Threading;
            using Hyperlight;

            [HostFunction]
            public partial interface IHostApi
            {
                void Log(string message, {|#0:CancellationToken cancellationToken|});
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.CancellationTokenInHostFunction).WithLocation(0).WithArguments("IHostApi.Log", "cancellationToken"));

    [Fact]
    public Task Second_cancellation_token_is_reported() =>
        AnalyzerVerifier.VerifyAsync("""
            using System.Threading;
            using Hyperlight;

            [GuestFunction]
            public partial interface IWorker
            {
                void Run(CancellationToken first, int steps, {|#0:CancellationToken second|}, {|#1:CancellationToken third|});
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.MultipleCancellationTokens).WithLocation(0).WithArguments("IWorker.Run", "second"),
            AnalyzerVerifier.Diagnostic(DiagnosticIds.MultipleCancellationTokens).WithLocation(1).WithArguments("IWorker.Run", "third"));

    [Fact]
    public Task Guest_function_with_32_values_and_a_token_fits() =>
        AnalyzerVerifier.VerifyAsync(Method("GuestFunction", "Wide", Parameters("int", 32) + ", System.Threading.CancellationToken token"));

    [Fact]
    public Task Guest_function_with_33_values_is_reported() =>
        AnalyzerVerifier.VerifyAsync(
            Method("GuestFunction", "{|#0:Wide|}", Parameters("string", 33)),
            AnalyzerVerifier.Diagnostic(DiagnosticIds.TooManyParameters).WithLocation(0).WithArguments("IApi.Wide", 33, "value parameters", 32));

    [Fact]
    public Task Host_function_with_16_strings_fits_exactly() =>
        AnalyzerVerifier.VerifyAsync(Method("HostFunction", "Wide", Parameters("string", 16)));

    [Theory]
    [InlineData("string")]
    [InlineData("byte[]")]
    [InlineData("System.ReadOnlySpan<byte>")]
    [InlineData("System.ReadOnlyMemory<byte>")]
    public Task Host_function_counts_each_sequence_parameter_twice(string sequenceType) =>
        AnalyzerVerifier.VerifyAsync(
            Method("HostFunction", "{|#0:Wide|}", Parameters(sequenceType, 16) + ", int flags"),
            AnalyzerVerifier.Diagnostic(DiagnosticIds.TooManyParameters).WithLocation(0)
                .WithArguments("IApi.Wide", 33, HostValues, 32));

    [Theory]
    [InlineData("string")]
    [InlineData("byte[]")]
    public Task Host_function_counts_the_return_area_pointer_of_a_sequence_result(string resultType) =>
        AnalyzerVerifier.VerifyAsync(
            Method("HostFunction", "{|#0:Wide|}", Parameters("string", 16), resultType),
            AnalyzerVerifier.Diagnostic(DiagnosticIds.TooManyParameters).WithLocation(0).WithArguments("IApi.Wide", 33, HostValues, 32));

    [Fact]
    public Task Host_function_with_16_strings_and_a_scalar_result_fits() =>
        AnalyzerVerifier.VerifyAsync(Method("HostFunction", "Wide", Parameters("string", 16), "long"));

    [Fact]
    public Task Guest_function_result_takes_no_extra_slot() =>
        AnalyzerVerifier.VerifyAsync(Method("GuestFunction", "Wide", Parameters("string", 32), "string"));

    private const string HostValues = "core values (a string or byte parameter counts twice, a string or byte[] result once)";

    private static string Method(string attribute, string name, string parameters, string result = "void") => $$"""
        using Hyperlight;

        [{{attribute}}]
        public partial interface IApi
        {
            {{result}} {{name}}({{parameters}});
        }
        """;

    private static string Parameters(string type, int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => $"{type} p{i}"));
}
