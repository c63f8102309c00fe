using Hyperlight.Images;
using Hyperlight.Wasm.Model;
using Hyperlight.Wasm.Tests.Compiler.Harness;
using static Hyperlight.Wasm.Tests.Linking.LinkErrorTests;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Tests.Linking;

/// <summary>
/// Linked modules run as one instance: an import satisfied by another module is that module's own
/// function, global cell, memory or table, as the spec's instantiation makes it.
/// </summary>
public sealed class LinkedExecutionTests
{
    private const string Library = """
        (module
          (global $counter (export "counter") (mut i32) (i32.const 10))
          (memory (export "memory") 1 3)
          (type $binary (func (param i32 i32) (result i32)))
          (table $table (export "table") 4 funcref)
          (elem (i32.const 0) $add)
          (func $add (export "add") (type $binary) (i32.add (local.get 0) (local.get 1)))
          (func (export "bump") (result i32)
            (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
            (global.get $counter))
          (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
          (func (export "call_slot") (param i32 i32 i32) (result i32)
            (call_indirect (type $binary) (local.get 1) (local.get 2) (local.get 0)))
          (func (export "fail") (result i32) (i32.div_u (i32.const 1) (i32.const 0))))
        """;

    private const string Main = """
        (module
          (import "lib" "add" (func $add (param i32 i32) (result i32)))
          (import "lib" "bump" (func $bump (result i32)))
          (import "lib" "store" (func $store (param i32 i32)))
          (import "lib" "call_slot" (func $call_slot (param i32 i32 i32) (result i32)))
          (import "lib" "fail" (func $fail (result i32)))
          (import "lib" "counter" (global $counter (mut i32)))
          (import "lib" "memory" (memory 1))
          (import "lib" "table" (table $table 2 funcref))
          (type $binary (func (param i32 i32) (result i32)))
          (elem (i32.const 1) $sub)
          (func $sub (type $binary) (i32.sub (local.get 0) (local.get 1)))
          (func (export "add") (param i32 i32) (result i32) (call $add (local.get 0) (local.get 1)))
          (func (export "bump_then_read") (result i32 i32) (call $bump) (global.get $counter))
          (func (export "set_counter") (param i32) (global.set $counter (local.get 0)))
          (func (export "store_then_load") (param i32 i32) (result i32)
            (call $store (local.get 0) (local.get 1))
            (i32.load (local.get 0)))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "indirect_here") (param i32 i32 i32) (result i32)
            (call_indirect (type $binary) (local.get 1) (local.get 2) (local.get 0)))
          (func (export "indirect_there") (param i32 i32 i32) (result i32)
            (call $call_slot (local.get 0) (local.get 1) (local.get 2)))
          (func (export "table_size") (result i32) (table.size $table))
          (func (export "fail") (result i32) (call $fail)))
        """;

    private static GuestImage Linked() => WasmCompiler.Link([Named("lib", Library), Named("main", Main)], []);

    [Fact]
    public void An_imported_function_is_the_exporters_function()
    {
        using var harness = new InProcessHarness(Linked());

        Assert.Equal(CallOutcome.Returned(12).ToString(), harness.Call("add", 5, 7).ToString());
    }

    [Fact]
    public void An_imported_mutable_global_is_the_exporters_cell_in_both_directions()
    {
        using var harness = new InProcessHarness(Linked());

        Assert.Equal("[0xb, 0xb]", harness.Call("bump_then_read").ToString());
        harness.Call("set_counter", 100);
        Assert.Equal("[0x65, 0x65]", harness.Call("bump_then_read").ToString());
    }

    [Fact]
    public void An_imported_memory_is_the_exporters_memory_with_its_maximum()
    {
        using var harness = new InProcessHarness(Linked());

        Assert.Equal("[0x2a]", harness.Call("store_then_load", 64, 42).ToString());
        Assert.Equal("[0x1]", harness.Call("grow", 2).ToString());
        Assert.Equal("[0xffffffff]", harness.Call("grow", 1).ToString());
    }

    [Fact]
    public void A_shared_table_holds_functions_of_both_modules_and_checks_signatures_across_them()
    {
        using var harness = new InProcessHarness(Linked());

        Assert.Equal("[0x4]", harness.Call("table_size").ToString());
        Assert.Equal("[0x9]", harness.Call("indirect_here", 0, 4, 5).ToString());
        Assert.Equal("[0x3]", harness.Call("indirect_here", 1, 8, 5).ToString());
        Assert.Equal("[0x3]", harness.Call("indirect_there", 1, 8, 5).ToString());
        Assert.Equal("trap UninitializedElement", harness.Call("indirect_there", 2, 1, 1).ToString());
    }

    [Fact]
    public void A_trap_in_a_linked_module_names_that_module()
    {
        GuestImage image = Linked();
        using var harness = new InProcessHarness(image);

        Assert.Equal("trap IntegerDivideByZero", harness.Call("fail").ToString());
        Assert.StartsWith("lib:", image.FunctionNames[harness.TrapRecord.Function], StringComparison.Ordinal);
    }

    [Fact]
    public void Modules_start_in_order_and_later_modules_see_earlier_ones_initialised()
    {
        GuestImage image = WasmCompiler.Link(
            [
                Named("lib", """
                    (module
                      (global $g (export "g") (mut i32) (i32.const 1))
                      (memory (export "memory") 1)
                      (data (i32.const 0) "\05")
                      (func $start (global.set $g (i32.add (global.get $g) (i32.load8_u (i32.const 0)))))
                      (start $start))
                    """),
                Named("main", """
                    (module
                      (import "lib" "g" (global $g (mut i32)))
                      (import "lib" "memory" (memory 1))
                      (data (i32.const 1) "\07")
                      (func $start (i32.store8 (i32.const 2) (global.get $g)))
                      (start $start)
                      (func (export "bytes") (result i32) (i32.load (i32.const 0))))
                    """),
            ],
            []);
        using var harness = new InProcessHarness(image);

        Assert.Equal(CallOutcome.Returned().ToString(), harness.InitializationOutcome!.ToString());
        Assert.Equal("[0x60705]", harness.Call("bytes").ToString());
    }

    [Fact]
    public void Host_definitions_supply_a_global_a_memory_and_a_table_with_their_limits()
    {
        WasmHostExtern[] host =
        [
            new WasmHostGlobal("env", "base", new GlobalType(ValueType.I32, Mutable: false), 40),
            new WasmHostMemory("env", "memory", new MemoryType(new Limits(1, 2))),
            new WasmHostTable("env", "table", new TableType(ValueType.FuncRef, new Limits(3, 5))),
        ];
        GuestImage image = WasmCompiler.Link([Named("main", """
            (module
              (import "env" "base" (global $base i32))
              (import "env" "memory" (memory 1))
              (import "env" "table" (table $t 1 funcref))
              (func (export "answer") (result i32) (i32.add (global.get $base) (i32.const 2)))
              (func (export "grow") (result i32) (memory.grow (i32.const 1)))
              (func (export "table_grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))
            """)], host);
        using var harness = new InProcessHarness(image);

        Assert.Equal((1u, (uint?)2u), (image.MemoryMinimumPages!.Value, image.MemoryMaximumPages));
        Assert.Equal("[0x2a]", harness.Call("answer").ToString());
        Assert.Equal("[0x1]", harness.Call("grow").ToString());
        Assert.Equal("[0xffffffff]", harness.Call("grow").ToString());
        Assert.Equal("[0x3]", harness.Call("table_grow", 2).ToString());
        Assert.Equal("[0xffffffff]", harness.Call("table_grow", 1).ToString());
    }

    [Fact]
    public void Host_function_imports_of_several_modules_get_their_own_host_call_numbers()
    {
        GuestImage image = WasmCompiler.Link(
            [
                Named("lib", """(module (import "env" "log" (func $log (param i32))) (func (export "twice") (param i32) (call $log (local.get 0)) (call $log (local.get 0))))"""),
                Named("main", """(module (import "env" "log" (func $log (param i32))) (import "lib" "twice" (func $twice (param i32))) (func (export "run") (call $log (i32.const 1)) (call $twice (i32.const 2))))"""),
            ],
            []);
        var calls = new List<(uint Import, ulong Argument)>();
        using var harness = new InProcessHarness(image, imports: new()
        {
            [0] = args => { calls.Add((0, args[0])); return 0; },
            [1] = args => { calls.Add((1, args[0])); return 0; },
        });

        harness.Call("run");

        Assert.Equal([("env", "log", 0u), ("env", "log", 1u)], image.Imports.Select(i => (i.Module, i.Name, i.Index)));
        Assert.Equal([(1u, 1ul), (0u, 2ul), (0u, 2ul)], calls);
    }

    [Fact]
    public void The_image_describes_the_main_modules_exported_globals_memories_and_tables()
    {
        GuestImage image = WasmCompiler.Link([Named("lib", Library), Named("main", """
            (module
              (import "lib" "counter" (global $counter (mut i32)))
              (import "lib" "memory" (memory 1))
              (import "lib" "table" (table 2 funcref))
              (global $own (export "own") f64 (f64.const 1.5))
              (export "counter" (global $counter))
              (export "mem" (memory 0))
              (export "tab" (table 0))
              (func (export "identity") (param externref) (result externref) (local.get 0)))
            """)], []);

        Assert.Equal(
            [("own", CoreValueType.F64, false), ("counter", CoreValueType.I32, true)],
            image.Globals.Select(g => (g.Name, g.Type, g.Mutable)));
        Assert.Equal(8, image.Globals[0].Offset - image.Globals[1].Offset);
        Assert.Equal(1.5, BitConverter.ToDouble(image.InitialData, image.Globals[0].Offset));
        Assert.Equal(10, BitConverter.ToInt32(image.InitialData, image.Globals[1].Offset));
        Assert.Equal(["mem"], image.MemoryExports);
        GuestTable table = Assert.Single(image.Tables);
        // The re-exported table is the library's: its cells, its size (4) and its capacity (minimum + headroom).
        Assert.Equal(("tab", CoreValueType.FuncRef, 4u + 1024), (table.Name, table.ElementType, table.Capacity));
        Assert.Equal(4ul, BitConverter.ToUInt64(image.InitialData, table.Offset));
        GuestExport identity = Assert.Single(image.Exports);
        Assert.Equal([CoreValueType.ExternRef], identity.Parameters);
        Assert.Equal([CoreValueType.ExternRef], identity.Results);
    }
}
