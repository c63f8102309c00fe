namespace Hyperlight.Tests.Instances;

/// <summary>
/// Reading and writing exported tables by name: sizes, funcref and externref elements as the guest
/// sees them, the checks on index, kind and owner, and table.grow and restore seen from the host.
/// </summary>
public sealed class TableAccessTests
{
    private const string Module = """
        (module
          (type $number (func (result i32)))
          (table $callbacks (export "callbacks") 3 10 funcref)
          (table $objects (export "objects") 2 externref)
          (global (export "answer") i32 (i32.const 42))
          (func $seven (result i32) i32.const 7)
          (func $nine (result i32) i32.const 9)
          (elem (table $callbacks) (i32.const 0) func $seven $nine)
          (func (export "call_slot") (param i32) (result i32) local.get 0 call_indirect $callbacks (type $number))
          (func (export "call") (param funcref) (result i32)
            i32.const 2 local.get 0 table.set $callbacks
            i32.const 2 call_indirect $callbacks (type $number))
          (func (export "object_at") (param i32) (result externref) local.get 0 table.get $objects)
          (func (export "keep") (param i32 externref) local.get 0 local.get 1 table.set $objects)
          (func (export "grow") (param i32) (result i32) ref.null func local.get 0 table.grow $callbacks))
        """;

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Tables_are_listed_with_their_element_kind_and_current_size(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        WasmExportInfo callbacks = Assert.Single(sandbox.Exports, e => e.Name == "callbacks");
        WasmExportInfo objects = Assert.Single(sandbox.Exports, e => e.Name == "objects");
        Assert.Equal([WasmExportKind.Table, WasmExportKind.Table], [callbacks.Kind, objects.Kind]);
        Assert.Equal([CoreValueType.FuncRef], callbacks.Results);
        Assert.Equal([CoreValueType.ExternRef], objects.Results);
        Assert.Equal(3, sandbox.GetTableSize("callbacks"));
        Assert.Equal(2, sandbox.GetTableSize("objects"));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Empty_elements_read_as_null_references(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        Assert.NotNull(sandbox.GetTableElement("callbacks", 0).AsFuncRef());
        Assert.Equal(WasmValue.FuncRef(null), sandbox.GetTableElement("callbacks", 2));
        Assert.Equal(WasmValue.ExternRef(null), sandbox.GetTableElement("objects", 1));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_funcref_read_from_a_table_is_callable_from_wasm(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        WasmValue seven = sandbox.GetTableElement("callbacks", 0);
        WasmValue nine = sandbox.GetTableElement("callbacks", 1);
        WasmValue[] passed = sandbox.Invoke("call", nine);
        sandbox.SetTableElement("callbacks", 2, seven);
        sandbox.SetTableElement("callbacks", 0, WasmValue.FuncRef(null));

        Assert.Equal([WasmValue.I32(9)], passed);
        Assert.Equal([WasmValue.I32(7)], sandbox.Invoke("call_slot", WasmValue.I32(2)));
        var emptied = Assert.Throws<GuestTrapException>(() => sandbox.Invoke("call_slot", WasmValue.I32(0)));
        Assert.Equal(TrapKind.UninitializedElement, emptied.Kind);
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void An_externref_goes_through_a_table_both_ways_as_the_same_object(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);
        var stored = new object();
        var kept = new List<string> { "kept" };

        sandbox.SetTableElement("objects", 1, WasmValue.ExternRef(stored));
        object? seenByGuest = Assert.Single(sandbox.Invoke("object_at", WasmValue.I32(1))).AsExternRef();
        sandbox.Invoke("keep", WasmValue.I32(0), WasmValue.ExternRef(kept));
        object? seenByHost = sandbox.GetTableElement("objects", 0).AsExternRef();
        sandbox.SetTableElement("objects", 1, WasmValue.ExternRef(null));

        Assert.Same(stored, seenByGuest);
        Assert.Same(kept, seenByHost);
        Assert.Null(Assert.Single(sandbox.Invoke("object_at", WasmValue.I32(1))).AsExternRef());
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void An_index_outside_the_table_is_refused_with_its_size(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);
        WasmValue seven = sandbox.GetTableElement("callbacks", 0);

        var pastEnd = Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.GetTableElement("callbacks", 3));
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.GetTableElement("objects", -1));
        var write = Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.SetTableElement("callbacks", 3, seven));

        Assert.Contains("table 'callbacks', which has 3 elements", pastEnd.Message, StringComparison.Ordinal);
        Assert.Contains("table 'objects', which has 2 elements", negative.Message, StringComparison.Ordinal);
        Assert.Contains("which has 3 elements", write.Message, StringComparison.Ordinal);
        Assert.Equal(3, sandbox.GetTableSize("callbacks"));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Another_export_kind_or_a_value_of_another_kind_is_refused(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        var global = Assert.Throws<GuestBindingException>(() => sandbox.GetTableSize("answer"));
        var function = Assert.Throws<GuestBindingException>(() => sandbox.GetTableElement("call", 0));
        var unknown = Assert.Throws<GuestBindingException>(() => sandbox.SetTableElement("zz", 0, WasmValue.FuncRef(null)));
        var externIntoFuncs = Assert.Throws<ArgumentException>(() => sandbox.SetTableElement("callbacks", 2, WasmValue.ExternRef(new object())));
        var number = Assert.Throws<ArgumentException>(() => sandbox.SetTableElement("objects", 0, WasmValue.I32(1)));
        var notATable = Assert.Throws<GuestBindingException>(() => sandbox.GetGlobal("objects"));

        Assert.Contains("'answer' is a global, not a table", global.Message, StringComparison.Ordinal);
        Assert.Contains("'call' is a function, not a table", function.Message, StringComparison.Ordinal);
        Assert.Contains("no export named 'zz'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("callbacks (table funcref)", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("holds funcref, not externref", externIntoFuncs.Message, StringComparison.Ordinal);
        Assert.Contains("holds externref, not i32", number.Message, StringComparison.Ordinal);
        Assert.Contains("'objects' is a table, not a global", notATable.Message, StringComparison.Ordinal);
        Assert.Null(sandbox.GetTableElement("callbacks", 2).AsFuncRef());
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Another_sandbox_refuses_a_funcref_from_a_table(TestEngine engine)
    {
        using Sandbox owner = TestEngines.Build(engine, Module);
        using Sandbox other = TestEngines.Build(engine, Module);
        WasmValue seven = owner.GetTableElement("callbacks", 0);

        var error = Assert.Throws<ArgumentException>(() => other.SetTableElement("callbacks", 2, seven));

        Assert.Contains("belongs to another sandbox", error.Message, StringComparison.Ordinal);
        Assert.Null(other.GetTableElement("callbacks", 2).AsFuncRef());
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Growth_by_the_guest_shows_in_the_size_and_the_new_elements(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        WasmValue[] previous = sandbox.Invoke("grow", WasmValue.I32(4));
        WasmValue[] refused = sandbox.Invoke("grow", WasmValue.I32(4));

        Assert.Equal([WasmValue.I32(3)], previous);
        Assert.Equal([WasmValue.I32(-1)], refused);
        Assert.Equal(7, sandbox.GetTableSize("callbacks"));
        Assert.Null(sandbox.GetTableElement("callbacks", 6).AsFuncRef());
        Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.GetTableElement("callbacks", 7));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Restore_returns_tables_to_their_initial_contents(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);
        sandbox.SetTableElement("callbacks", 2, sandbox.GetTableElement("callbacks", 1));
        sandbox.SetTableElement("callbacks", 0, WasmValue.FuncRef(null));
        sandbox.SetTableElement("objects", 0, WasmValue.ExternRef(new object()));
        sandbox.Invoke("grow", WasmValue.I32(2));

        sandbox.Restore();

        Assert.Equal(3, sandbox.GetTableSize("callbacks"));
        Assert.Null(sandbox.GetTableElement("callbacks", 2).AsFuncRef());
        Assert.Null(sandbox.GetTableElement("objects", 0).AsExternRef());
        Assert.Equal([WasmValue.I32(7)], sandbox.Invoke("call_slot", WasmValue.I32(0)));
        Assert.Equal([WasmValue.I32(7)], sandbox.Invoke("call", sandbox.GetTableElement("callbacks", 0)));
    }
}
