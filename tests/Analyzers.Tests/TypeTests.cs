using Hyperlight.Analyzers.Tests.Verification;

namespace Hyperlight.Analyzers.Tests;

/// <summary>HL0005, HL0006, HL0007: only the types of the binding protocol cross the boundary.</summary>
public sealed class TypeTests
{
    private const string Enums = """
        public enum Color : byte { Red, Green }
        public enum Mask : ulong { None, All = ulong.MaxValue }
        """;

    public static TheoryData<string, string> SupportedParameters()
    {
        var data = new TheoryData<string, string>();
        string[] types =
        [
            "bool", "sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double",
            "string", "byte[]", "System.ReadOnlySpan<byte>", "System.ReadOnlyMemory<byte>", "Color", "Mask",
        ];
        foreach (var type in types)
        {
            data.Add(type, "GuestFunction");
            data.Add(type, "HostFunction");
        }
        return data;
    }

    public static TheoryData<string, string> SupportedResults()
    {
        var data = new TheoryData<string, string>();
        string[] types =
        [
            "void", "bool", "sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double",
            "string", "byte[]", "Color", "Mask",
        ];
        foreach (var type in types)
        {
            data.Add(type, "GuestFunction");
            data.Add(type, "HostFunction");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SupportedParameters))]
    public Task Supported_parameter_types_are_accepted(string type, string attribute) =>
        AnalyzerVerifier.VerifyAsync($$"""
            using Hyperlight;

            [{{attribute}}]
            public partial interface IApi
            {
                void Take({{type}} value);
            }

            {{Enums}}
            """);

    [Theory]
    [MemberData(nameof(SupportedResults))]
    public Task Supported_result_types_are_accepted(string type, string attribute) =>
        AnalyzerVerifier.VerifyAsync($$"""
            using Hyperlight;

            [{{attribute}}]
            public partial interface IApi
            {
                {{type}} Give();
            }

            {{Enums}}
            """);

    [Theory]
    [InlineData("char", "char")]
    [InlineData("decimal", "decimal")]
    [InlineData("object", "object")]
    [InlineData("dynamic", "dynamic")]
    [InlineData("int?", "int?")]
    [InlineData("nint", "nint")]
    [InlineData("System.Guid", "Guid")]
    [InlineData("System.DateTime", "DateTime")]
    [InlineData("int[]", "int[]")]
    [InlineData("byte[][]", "byte[][]")]
    [InlineData("System.Span<byte>", "Span<byte>")]
    [InlineData("System.Memory<byte>", "Memory<byte>")]
    [InlineData("System.ReadOnlySpan<char>", "ReadOnlySpan<char>")]
    [InlineData("System.Collections.Generic.List<byte>", "List<byte>")]
    [InlineData("System.Threading.Tasks.Task<int>", "Task<int>")]
    public Task Unsupported_parameter_type_is_reported_on_the_type(string type, string shown) =>
        AnalyzerVerifier.VerifyAsync($$"""
            using Hyperlight;

            [GuestFunction]
            public partial interface IApi
            {
                void Take(int first, {|#0:{{type}}|} value);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.UnsupportedParameterType).WithLocation(0)
                .WithArguments("value", "IApi.Take", shown, ValueKinds.SupportedParameters));

    [Theory]
    [InlineData("System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>")]
    [InlineData("System.ReadOnlyMemory<byte>", "ReadOnlyMemory<byte>")]
    [InlineData("System.Threading.CancellationToken", "CancellationToken")]
    [InlineData("char", "char")]
    [InlineData("object", "object")]
    [InlineData("long?", "long?")]
    [InlineData("string[]", "string[]")]
    public Task Unsupported_result_type_is_reported_on_the_type(string type, string shown) =>
        AnalyzerVerifier.VerifyAsync($$"""
            using Hyperlight;

            [HostFunction]
            public partial interface IHostApi
            {
                {|#0:{{type}}|} Read(int handle);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.UnsupportedReturnType).WithLocation(0)
                .WithArguments("IHostApi.Read", shown, ValueKinds.SupportedResults));

    [Theory]
    [InlineData("Task", "GuestFunction")]
    [InlineData("Task<int>", "GuestFunction")]
    [InlineData("ValueTask", "HostFunction")]
    [InlineData("ValueTask<string>", "HostFunction")]
    public Task Awaitable_result_is_reported_as_not_supported_yet(string type, string attribute) =>
        AnalyzerVerifier.VerifyAsync($$"""
            using System.Threading.Tasks;
            using Hyperlight;

            [{{attribute}}]
            public partial interface IApi
            {
                {|#0:{{type}}|} RunAsync(int input);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.AsyncReturnType).WithLocation(0).WithArguments("IApi.RunAsync", type));

    [Fact]
    public Task Every_bad_type_of_a_method_is_reported() =>
        AnalyzerVerifier.VerifyAsync("""
            using System;
            using Hyperlight;

            [GuestFunction]
            public partial interface IApi
            {
                {|HL0006:Guid|} Convert({|HL0005:char|} symbol, int scale, {|HL0005:decimal|} amount);
            }
            """);

    [Fact]
    public Task Unresolved_types_are_left_to_the_compiler() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            [GuestFunction]
            public partial interface IApi
            {
                {|CS0246:Missing|} Load({|CS0246:Unknown|} key);
            }
            """);

    [Theory]
    [InlineData("ref int")]
    [InlineData("ref readonly byte")]
    public Task Result_returned_by_reference_is_reported(string type) =>
        AnalyzerVerifier.VerifyAsync($$"""
            using Hyperlight;

            [GuestFunction]
            public partial interface IBuffer
            {
                {|#0:{{type}}|} Peek(int index);
            }
            """,
            AnalyzerVerifier.Diagnostic(DiagnosticIds.UnsupportedReturnType).WithLocation(0)
                .WithArguments("IBuffer.Peek", type, ValueKinds.SupportedResults));
}
