using Hyperlight.Analyzers.CodeFixes;
using Hyperlight.Analyzers.Tests.Verification;

namespace Hyperlight.Analyzers.Tests;

public sealed class AddPartialCodeFixTests
{
    [Fact]
    public Task Partial_goes_after_the_existing_modifiers() =>
        CodeFixVerifier<AddPartialCodeFixProvider>.VerifyAsync("""
            using Hyperlight;

            namespace Demo;

            [GuestFunction]
            public interface {|HL0001:ICalculator|}
            {
                int Add(int a, int b);
            }
            """, """
            using Hyperlight;

            namespace Demo;

            [GuestFunction]
            public partial interface ICalculator
            {
                int Add(int a, int b);
            }
            """);

    [Fact]
    public Task Partial_keeps_the_indentation_of_a_declaration_without_modifiers() =>
        CodeFixVerifier<AddPartialCodeFixProvider>.VerifyAsync("""
            using Hyperlight;

            namespace Demo
            {
                [HostFunction(Module = "host")]
                interface {|HL0001:IHostApi|}
                {
                    void Log(string message);
                }
            }
            """, """
            using Hyperlight;

            namespace Demo
            {
                [HostFunction(Module = "host")]
                partial interface IHostApi
                {
                    void Log(string message);
                }
            }
            """);

    [Fact]
    public Task Every_non_partial_enclosing_type_becomes_partial() =>
        CodeFixVerifier<AddPartialCodeFixProvider>.VerifyAsync("""
            using Hyperlight;

            public static class Outer
            {
                internal partial class Middle
                {
                    internal sealed class Inner
                    {
                        [GuestFunction]
                        public partial interface {|HL0002:IPlugin|}
                        {
                            void Start();
                        }
                    }
                }
            }
            """, """
            using Hyperlight;

            public static partial class Outer
            {
                internal partial class Middle
                {
                    internal sealed partial class Inner
                    {
                        [GuestFunction]
                        public partial interface IPlugin
                        {
                            void Start();
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Interface_and_container_are_both_fixed() =>
        CodeFixVerifier<AddPartialCodeFixProvider>.VerifyAsync("""
            using Hyperlight;

            public class Bindings
            {
                [GuestFunction]
                public interface {|HL0001:{|HL0002:ICalculator|}|}
                {
                    int Add(int a, int b);
                }
            }
            """, """
            using Hyperlight;

            public partial class Bindings
            {
                [GuestFunction]
                public partial interface ICalculator
                {
                    int Add(int a, int b);
                }
            }
            """,
            iterations: 2);
}
