namespace Hyperlight.Tests.Instances;

/// <summary>
/// References through the untyped API: an externref is the host's own object, handed back as the
/// same instance; a funcref is an opaque token that only its own sandbox accepts.
/// </summary>
public sealed class ReferenceValueTests
{
    private const string Module = """
        (module
          (type $number (func (result i32)))
          (table $functions 1 funcref)
          (table $objects 1 externref)
          (global (export "held") (mut externref) (ref.null extern))
          (global (export "callback") (mut funcref) (ref.null func))
          (func $seven (result i32) i32.const 7)
          (func $nine (result i32) i32.const 9)
          (elem declare func $seven $nine)
          (func (export "echo") (param externref) (result externref) local.get 0)
          (func (export "is_null") (param externref) (result i32) local.get 0 ref.is_null)
          (func (export "keep") (param externref) i32.const 0 local.get 0 table.set $objects)
          (func (export "kept") (result externref) i32.const 0 table.get $objects)
          (func (export "seven") (result funcref) ref.func $seven)
          (func (export "nine") (result funcref) ref.func $nine)
          (func (export "no_function") (result funcref) ref.null func)
          (func (export "call") (param funcref) (result i32)
            i32.const 0 local.get 0 table.set $functions
            i32.const 0 call_indirect $functions (type $number)))
        """;

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void An_externref_comes_back_as_the_same_object(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);
        var first = new object();
        var second = new List<int> { 1 };

        object? echoed = Assert.Single(sandbox.Invoke("echo", WasmValue.ExternRef(first))).AsExternRef();
        sandbox.Invoke("keep", WasmValue.ExternRef(second));
        sandbox.Invoke("echo", WasmValue.ExternRef(first));
        object? kept = Assert.Single(sandbox.Invoke("kept")).AsExternRef();

        Assert.Same(first, echoed);
        Assert.Same(second, kept);
        Assert.Equal([WasmValue.I32(0)], sandbox.Invoke("is_null", WasmValue.ExternRef(first)));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_null_externref_is_null_on_both_sides(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        Assert.Equal([WasmValue.I32(1)], sandbox.Invoke("is_null", WasmValue.ExternRef(null)));
        Assert.Equal([WasmValue.ExternRef(null)], sandbox.Invoke("echo", WasmValue.ExternRef(null)));
        Assert.Equal(WasmValue.ExternRef(null), sandbox.GetGlobal("held"));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void An_externref_global_holds_the_object_until_restore(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);
        var payload = new Uri("https://example.org/");

        sandbox.SetGlobal("held", WasmValue.ExternRef(payload));
        object? held = sandbox.GetGlobal("held").AsExternRef();
        sandbox.Invoke("keep", WasmValue.ExternRef(payload));
        sandbox.Restore();

        Assert.Same(payload, held);
        Assert.Null(sandbox.GetGlobal("held").AsExternRef());
        Assert.Null(Assert.Single(sandbox.Invoke("kept")).AsExternRef());
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_funcref_goes_back_into_its_sandbox_and_calls_the_function(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        WasmValue seven = Assert.Single(sandbox.Invoke("seven"));
        WasmValue nine = Assert.Single(sandbox.Invoke("nine"));
        sandbox.SetGlobal("callback", nine);

        Assert.Equal(CoreValueType.FuncRef, seven.Kind);
        Assert.NotNull(seven.AsFuncRef());
        Assert.Equal([WasmValue.I32(7)], sandbox.Invoke("call", seven));
        Assert.Equal([WasmValue.I32(9)], sandbox.Invoke("call", nine));
        Assert.Equal([WasmValue.I32(9)], sandbox.Invoke("call", sandbox.GetGlobal("callback")));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_null_funcref_crosses_as_null_and_calling_it_traps(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        Assert.Equal([WasmValue.FuncRef(null)], sandbox.Invoke("no_function"));
        Assert.Null(sandbox.GetGlobal("callback").AsFuncRef());
        var trap = Assert.Throws<GuestTrapException>(() => sandbox.Invoke("call", WasmValue.FuncRef(null)));
        Assert.Equal(TrapKind.UninitializedElement, trap.Kind);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Another_sandbox_refuses_a_funcref(TestEngine engine)
    {
        using Sandbox owner = TestEngines.Build(engine, Module);
        using Sandbox other = TestEngines.Build(engine, Module);
        WasmValue seven = Assert.Single(owner.Invoke("seven"));

        var call = Assert.Throws<ArgumentException>(() => other.Invoke("call", seven));
        var global = Assert.Throws<ArgumentException>(() => other.SetGlobal("callback", seven));

        Assert.Contains("belongs to another sandbox", call.Message, StringComparison.Ordinal);
        Assert.Contains("belongs to another sandbox", global.Message, StringComparison.Ordinal);
        Assert.Null(other.GetGlobal("callback").AsFuncRef());
    }
}
