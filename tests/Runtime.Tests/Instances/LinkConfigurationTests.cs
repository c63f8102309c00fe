namespace Hyperlight.Tests.Instances;

/// <summary>What the builder refuses about linked modules and host definitions, before any module is compiled.</summary>
public sealed class LinkConfigurationTests
{
    private const string Empty = "(module)";

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [Fact]
    public void Two_linked_modules_of_one_name_are_refused()
    {
        SandboxBuilder builder = new SandboxBuilder().WithLinkedModule("lib", Wat.ToWasm(Empty));

        var error = Assert.Throws<SandboxConfigurationException>(() => builder.WithLinkedModule("lib", Wat.ToWasm(Empty)));

        Assert.Contains("Two linked modules are named 'lib'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_definitions_of_one_import_name_are_refused_whatever_their_kinds()
    {
        SandboxBuilder builder = new SandboxBuilder().WithGlobal("host", "x", WasmValue.I32(1));

        var error = Assert.Throws<SandboxConfigurationException>(() => builder.WithMemory("host", "x", 1));

        Assert.Contains("host.x is defined twice", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_definition_that_shadows_a_host_function_is_refused(TestEngine engine)
    {
        SandboxBuilder builder = TestEngines.Builder(engine, Empty)
            .WithHostFunctions<ICounterHost>(new Counter())
            .WithGlobal("env", "Next", WasmValue.I32(0));

        var error = Assert.Throws<SandboxConfigurationException>(builder.Build);

        Assert.Contains("env.Next is both a host definition and a host function", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_linked_module_named_like_a_host_namespace_is_refused(TestEngine engine)
    {
        SandboxBuilder builder = TestEngines.Builder(engine, Empty)
            .WithMemory("shared", "mem", 1)
            .WithLinkedModule("shared", Wat.ToWasm(Empty));

        var error = Assert.Throws<SandboxConfigurationException>(builder.Build);

        Assert.Contains("Linked module 'shared' shares its name with host definition shared.mem", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Definitions_that_cannot_exist_are_refused(TestEngine engine)
    {
        Assert.Throws<SandboxConfigurationException>(TestEngines.Builder(engine, Empty).WithGlobal("h", "r", WasmValue.ExternRef("not null"), mutable: true).Build);
        Assert.Throws<SandboxConfigurationException>(TestEngines.Builder(engine, Empty).WithTable("h", "t", CoreValueType.I32, 1).Build);
        Assert.Throws<SandboxConfigurationException>(TestEngines.Builder(engine, Empty).WithMemory("h", "m", 3, 2).Build);
        Assert.Throws<SandboxConfigurationException>(TestEngines.Builder(engine, Empty).WithMemory("h", "m", 65537).Build);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_linked_module_file_that_cannot_be_read_names_the_module(TestEngine engine)
    {
        SandboxBuilder builder = TestEngines.Builder(engine, Empty).WithLinkedModule("lib", "/nonexistent/lib.wasm");

        var error = Assert.Throws<SandboxConfigurationException>(builder.Build);

        Assert.Contains("linked module 'lib'", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Unused_definitions_and_an_empty_table_are_fine(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Builder(engine, """(module (import "h" "t" (table 0 funcref)) (func (export "size") (result i32) table.size 0))""")
            .WithTable("h", "t", CoreValueType.FuncRef, 0)
            .WithGlobal("h", "unused", WasmValue.F64(1))
            .Build();

        Assert.Equal([WasmValue.I32(0)], sandbox.Invoke("size"));
    }

    private sealed class Counter : ICounterHost
    {
        public int Next() => 0;
    }
}
