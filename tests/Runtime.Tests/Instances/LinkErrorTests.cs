using Hyperlight.Wasm;

namespace Hyperlight.Tests.Instances;

/// <summary>
/// The spec's link-time checks, through the builder: every engine refuses the same imports with the
/// same <see cref="WasmLinkException"/>, naming the import and the mismatch.
/// </summary>
public sealed class LinkErrorTests
{
    private static readonly Dictionary<string, LinkCase> Cases = new()
    {
        ["missing export"] = new("""(import "lib" "absent" (func))""", "lib", "absent", "has no export named 'absent'"),
        ["another kind"] = new("""(import "lib" "scale" (func))""", "lib", "scale", "the import is a function but module 'lib' exports 'scale' as a global"),
        ["function type"] = new("""(import "lib" "triple" (func (param i64) (result i32)))""", "lib", "triple", "but the definition is (i32) -> (i32)"),
        ["global mutability"] = new("""(import "lib" "scale" (global (mut i32)))""", "lib", "scale", "expects a mutable global but the definition is immutable"),
        ["global type"] = new("""(import "lib" "scale" (global i64))""", "lib", "scale", "expects a global of type i64 but the definition is i32"),
        // The library's start function might have grown its memory and table, so their minimums are matched at instantiation.
        ["memory minimum"] = new("""(import "lib" "memory" (memory 2))""", "lib", "memory", "needs a memory of at least 2 pages but it had only 1 when module 'main' was instantiated"),
        ["memory maximum"] = new("""(import "lib" "memory" (memory 1 1))""", "lib", "memory", "allows a memory of at most 1 pages but the definition may grow to 2"),
        ["table minimum"] = new("""(import "lib" "table" (table 3 funcref))""", "lib", "table", "needs a table of at least 3 elements but it had only 2 when module 'main' was instantiated"),
        ["table elements"] = new("""(import "lib" "table" (table 1 externref))""", "lib", "table", "expects a table of externref but the definition holds funcref"),
        ["undefined host global"] = new("""(import "host" "g" (global i32))""", "host", "g", "nothing defines this"),
        ["host global type"] = new("""(import "host" "g" (global i32))""", "host", "g", "expects a global of type i32 but the definition is i64",
            builder => builder.WithGlobal("host", "g", WasmValue.I64(0))),
        ["host memory minimum"] = new("""(import "host" "mem" (memory 2))""", "host", "mem", "needs a memory of at least 2 pages but the definition has 1",
            builder => builder.WithMemory("host", "mem", 1)),
        ["host memory maximum"] = new("""(import "host" "mem" (memory 1 2))""", "host", "mem", "allows a memory of at most 2 pages",
            builder => builder.WithMemory("host", "mem", 1)),
        ["host table elements"] = new("""(import "host" "t" (table 1 funcref))""", "host", "t", "expects a table of funcref but the definition holds externref",
            builder => builder.WithTable("host", "t", CoreValueType.ExternRef, 1)),
    };

    public static TheoryData<TestEngine, string> EnginesAndCases()
    {
        var data = new TheoryData<TestEngine, string>();
        foreach (TestEngine engine in TestEngines.Each)
        {
            foreach (string name in Cases.Keys)
                data.Add(engine, name);
        }
        return data;
    }

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(EnginesAndCases))]
    public void An_import_that_cannot_be_satisfied_is_named_with_the_reason(TestEngine engine, string caseName)
    {
        LinkCase linkCase = Cases[caseName];
        SandboxBuilder builder = linkCase.Host(WithLibrary(engine, $"(module {linkCase.Import})"));

        var error = Assert.Throws<WasmLinkException>(builder.Build);

        Assert.Equal((linkCase.Module, linkCase.Name), (error.ImportModule, error.ImportName));
        Assert.Contains(linkCase.Reason, error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_function_import_no_module_or_host_provides_is_a_binding_error(TestEngine engine)
    {
        var error = Assert.Throws<GuestBindingException>(WithLibrary(engine, """(module (import "env" "Missing" (func)))""").Build);

        Assert.Contains("env.Missing", error.Message, StringComparison.Ordinal);
    }

    private static SandboxBuilder WithLibrary(TestEngine engine, string main) =>
        TestEngines.Builder(engine, main)
            .WithLinkedModule("lib", Wat.ToWasm(LinkedModuleTests.Library))
            .WithHostFunctions<ICounterHost>(new NoCounter());

    private sealed record LinkCase(string Import, string Module, string Name, string Reason, Func<SandboxBuilder, SandboxBuilder>? DefineHost = null)
    {
        public SandboxBuilder Host(SandboxBuilder builder) => DefineHost?.Invoke(builder) ?? builder;
    }

    private sealed class NoCounter : ICounterHost
    {
        public int Next() => throw new InvalidOperationException("not called by link tests");
    }
}
