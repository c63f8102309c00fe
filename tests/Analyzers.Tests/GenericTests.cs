using Hyperlight.Analyzers.Tests.Verification;

namespace Hyperlight.Analyzers.Tests;

/// <summary>HL0012 and HL0013: a Wasm function has one fixed signature, so nothing may be generic.</summary>
public sealed class GenericTests
{
    [Fact]
    public Task Generic_method_is_reported_on_its_name() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface IHasher
            {
                int {|#0:Hash|}<TAlgorithm>(byte[] data);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.GenericMethod).WithLocation(0).WithArguments("IHasher.Hash"));

    [Fact]
    public Task Type_parameters_used_in_the_signature_are_unsupported_types_as_well() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [HostFunction]
            public partial interface IHostApi
            {
                {|HL0006:T|} {|HL0012:Echo|}<T>({|HL0005:T|} value);
            }
            """);

    [Fact]
    public Task Generic_interface_is_reported_on_its_name() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface {|#0:IStore|}<TKey>
            {
                int Count();
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.GenericInterface).WithLocation(0).WithArguments("IStore"));
}
