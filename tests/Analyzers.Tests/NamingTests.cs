using Hyperlight.Analyzers.Tests.Verification;

namespace Hyperlight.Analyzers.Tests;

/// <summary>HL0014 and HL0015: each method maps to exactly one export or import name.</summary>
public sealed class NamingTests
{
    [Fact]
    public Task Overload_is_reported_on_the_later_method() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface ICalculator
            {
                int Add(int a, int b);
                long {|#0:Add|}(long a, long b);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.OverloadedMethod).WithLocation(0).WithArguments("ICalculator.Add", "ICalculator"));

    [Fact]
    public Task Overload_is_reported_even_when_the_export_names_differ() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface ICalculator
            {
                [GuestFunction("add_i32")]
                int Add(int a, int b);

                [GuestFunction("add_i64")]
                long {|HL0014:Add|}(long a, long b);
            }
            """);

    [Fact]
    public Task Two_methods_renamed_to_one_export_are_reported() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface ICalculator
            {
                [GuestFunction("add")]
                int Add(int a, int b);

                [GuestFunction("add")]
                long {|#0:AddWide|}(long a, long b);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.DuplicateBindingName).WithLocation(0).WithArguments("ICalculator.AddWide", "add", "ICalculator.Add"));

    [Fact]
    public Task Rename_onto_another_methods_default_name_is_reported() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            public partial interface IHostApi
            {
                [HostFunction]
                void Log(string message);

                [HostFunction("Log")]
                void {|#0:LogBytes|}(byte[] message);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.DuplicateBindingName).WithLocation(0).WithArguments("IHostApi.LogBytes", "Log", "IHostApi.Log"));

    [Fact]
    public Task Names_that_differ_only_in_case_are_distinct_exports() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface ICodec
            {
                [GuestFunction("encode")]
                byte[] Encode(string text);

                string Decode(byte[] data);

                [GuestFunction("Encode")]
                byte[] EncodeAscii(string text);
            }
            """);

    [Fact]
    public Task The_same_names_in_different_interfaces_do_not_collide() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface IGuestLog
            {
                void Log(string message);
            }

            [HostFunction]
            public partial interface IHostLog
            {
                void Log(string message);
            }
            """);
}
