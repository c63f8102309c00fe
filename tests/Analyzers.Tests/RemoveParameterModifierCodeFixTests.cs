using Hyperlight.Analyzers.CodeFixes;
using Hyperlight.Analyzers.Tests.Verification;

namespace Hyperlight.Analyzers.Tests;

public sealed class RemoveParameterModifierCodeFixTests
{
    [Theory]
    [InlineData("ref")]
    [InlineData("in")]
    [InlineData("ref readonly")]
    public Task Modifier_is_removed_and_the_value_passed_by_copy(string modifiers) =>
        CodeFixVerifier<RemoveParameterModifierCodeFixProvider>.VerifyAsync($$"""
            using Hyperlight;

            [GuestFunction]
            public partial interface IGeometry
            {
                double Area({|HL0008:{{modifiers}}|} double width, double height);
            }
            """, """
            using Hyperlight;

            [GuestFunction]
            public partial interface IGeometry
            {
                double Area(double width, double height);
            }
            """);

    [Fact]
    public Task Params_is_removed_keeping_the_array() =>
        CodeFixVerifier<RemoveParameterModifierCodeFixProvider>.VerifyAsync("""
            using Hyperlight;

            [HostFunction]
            public partial interface IHostApi
            {
                void Write(int fd, {|HL0008:params|} byte[] data);
            }
            """, """
            using Hyperlight;

            [HostFunction]
            public partial interface IHostApi
            {
                void Write(int fd, byte[] data);
            }
            """);

    [Fact]
    public Task Line_break_before_a_removed_first_modifier_is_kept() =>
        CodeFixVerifier<RemoveParameterModifierCodeFixProvider>.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface IGeometry
            {
                double Area(
                    {|HL0008:in|} double width,
                    {|HL0008:in|} double height);
            }
            """, """
            using Hyperlight;

            [GuestFunction]
            public partial interface IGeometry
            {
                double Area(
                    double width,
                    double height);
            }
            """);

    [Fact]
    public Task No_fix_is_offered_for_out_because_the_value_should_be_returned() =>
        CodeFixVerifier<RemoveParameterModifierCodeFixProvider>.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface IParser
            {
                bool TryParse(string text, {|HL0008:out|} int value);
            }
            """, """
            using Hyperlight;

            [GuestFunction]
            public partial interface IParser
            {
                bool TryParse(string text, {|HL0008:out|} int value);
            }
            """);
}
