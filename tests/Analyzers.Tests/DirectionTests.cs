using Hyperlight.Analyzers.Tests.Verification;

namespace Hyperlight.Analyzers.Tests;

/// <summary>HL0003 and HL0004: an interface binds one direction, and only interface methods are bound.</summary>
public sealed class DirectionTests
{
    [Fact]
    public Task Both_attributes_on_the_interface_are_reported() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction, HostFunction]
            public partial interface {|#0:IEcho|}
            {
                string Echo(string text);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.ConflictingDirections).WithLocation(0).WithArguments("IEcho"));

    [Fact]
    public Task A_host_method_inside_a_guest_interface_is_reported() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface {|HL0003:ICalculator|}
            {
                int Add(int a, int b);

                [HostFunction]
                void Log(string message);
            }
            """);

    [Fact]
    public Task Mixed_method_level_attributes_are_reported() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            public partial interface {|HL0003:IApi|}
            {
                [GuestFunction]
                int Add(int a, int b);

                [HostFunction]
                void Log(string message);
            }
            """);

    [Fact]
    public Task Guest_method_attributes_inside_a_guest_interface_are_accepted() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface ICalculator
            {
                [GuestFunction("add_i32")]
                int Add(int a, int b);
            }
            """);

    [Fact]
    public Task Attribute_on_a_class_method_is_reported_on_the_attribute() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            public sealed class Calculator
            {
                [{|#0:GuestFunction|}]
                public int Add(int a, int b) => a + b;
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.AttributeOutsideInterface).WithLocation(0).WithArguments("GuestFunction", "Calculator.Add"));

    [Fact]
    public Task Attribute_with_arguments_on_a_struct_method_is_reported_whole() =>
        AnalyzerVerifier.VerifyAsync("""
            using System;
            using Hyperlight;

            public readonly struct Clock
            {
                [Obsolete("use the host api"), {|#0:HostFunction("now")|}]
                public static long Now() => DateTime.UtcNow.Ticks;
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.AttributeOutsideInterface).WithLocation(0).WithArguments("HostFunction", "Clock.Now"));

    [Fact]
    public Task Implementations_of_a_host_interface_need_no_attributes_and_get_no_report() =>
        AnalyzerVerifier.VerifyAsync("""
            using System;
            using Hyperlight;

            [HostFunction]
            public partial interface IHostApi
            {
                void Log(string message);
                long NowTicks();
            }

            public sealed class HostApi : IHostApi
            {
                public void Log(string message) => Console.WriteLine(message);

                [Obsolete("prefer a TimeProvider")]
                public long NowTicks() => DateTime.UtcNow.Ticks;
            }
            """);
}
