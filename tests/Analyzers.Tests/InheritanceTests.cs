using Hyperlight.Analyzers.Tests.Verification;

namespace Hyperlight.Analyzers.Tests;

/// <summary>HL0021: the generated proxy implements only what the guest interface declares itself.</summary>
public sealed class InheritanceTests
{
    [Fact]
    public Task Guest_interface_extending_an_interface_with_methods_is_reported() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            public interface IAdder
            {
                int Add(int a, int b);
            }

            [GuestFunction]
            public partial interface {|#0:ICalculator|} : IAdder
            {
                int Multiply(int a, int b);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.InheritedGuestMembers).WithLocation(0).WithArguments("ICalculator", "IAdder"));

    [Fact]
    public Task Guest_interface_extending_IDisposable_is_reported() =>
        AnalyzerVerifier.VerifyAsync("""
            using System;
            using Hyperlight;

            public partial interface {|#0:IWorker|} : IDisposable
            {
                [GuestFunction]
                void Run(int steps);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.InheritedGuestMembers).WithLocation(0).WithArguments("IWorker", "IDisposable"));

    [Fact]
    public Task Marker_and_default_implemented_base_interfaces_are_accepted() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            public interface IPluginMarker
            {
            }

            public interface IDescribed
            {
                string Describe() => GetType().Name;
            }

            [GuestFunction]
            public partial interface IPlugin : IPluginMarker, IDescribed
            {
                void Start();
            }
            """);

    [Fact]
    public Task Host_interface_may_extend_other_interfaces() =>
        AnalyzerVerifier.VerifyAsync("""
            using System;
            using Hyperlight;

            [HostFunction]
            public partial interface IHostApi : IDisposable
            {
                void Log(string message);
            }
            """);
}
