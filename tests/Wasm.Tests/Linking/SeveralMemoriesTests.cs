using System.Text;
using Hyperlight.Images;
using Hyperlight.Wasm.Model;
using Hyperlight.Wasm.Tests.Compiler.Harness;
using static Hyperlight.Wasm.Tests.Linking.LinkErrorTests;

namespace Hyperlight.Wasm.Tests.Linking;

/// <summary>
/// Modules that each own a linear memory, linked into one sandbox: every module's code runs on its
/// own memory, whichever way control reached it (direct call, call_indirect through a shared table,
/// a re-export called by the host), and finds its caller's memory in place when it returns.
/// </summary>
public sealed class SeveralMemoriesTests
{
    /// <summary>One page that may grow to four, "LIB" at 0; calls back through its table.</summary>
    private const string Library = """
        (module
          (memory (export "memory") 1 4)
          (data (i32.const 0) "LIB")
          (data $passive "lib-passive")
          (table (export "table") 4 funcref)
          (type $reader (func (param i32) (result i32)))
          (func $read (export "read") (type $reader) (i32.load8_u (local.get 0)))
          (func (export "write") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
          (func (export "size") (result i32) (memory.size))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
          (func (export "init") (param i32) (memory.init $passive (local.get 0) (i32.const 0) (i32.const 11)))
          ;; the table slot's result, plus 1000 × this memory's byte 0 read after the callee returned
          (func (export "call_back") (param $slot i32) (param $address i32) (result i32)
            (i32.add
              (call_indirect (type $reader) (local.get $address) (local.get $slot))
              (i32.mul (i32.load8_u (i32.const 0)) (i32.const 1000))))
          (elem (i32.const 0) $read))
        """;

    /// <summary>Three pages without maximum, "MAIN" at 0; imports the library's functions and table, puts its own reader in slot 1.</summary>
    private const string Main = """
        (module
          (import "lib" "read" (func $lib_read (param i32) (result i32)))
          (import "lib" "write" (func $lib_write (param i32 i32)))
          (import "lib" "size" (func $lib_size (result i32)))
          (import "lib" "grow" (func $lib_grow (param i32) (result i32)))
          (import "lib" "load32" (func $lib_load32 (param i32) (result i32)))
          (import "lib" "call_back" (func $lib_call_back (param i32 i32) (result i32)))
          (import "lib" "table" (table 4 funcref))
          (type $reader (func (param i32) (result i32)))
          (memory (export "memory") 3)
          (data (i32.const 0) "MAIN")
          (func $read (type $reader) (i32.load8_u (local.get 0)))
          (elem (i32.const 1) $read)
          (export "lib_read_direct" (func $lib_read))
          (func (export "read") (param i32) (result i32) (call $read (local.get 0)))
          (func (export "lib_read") (param i32) (result i32) (call $lib_read (local.get 0)))
          ;; 256 × the library's byte, plus this memory's byte at the same address read after the call
          (func (export "read_both") (param i32) (result i32)
            (i32.add (i32.shl (call $lib_read (local.get 0)) (i32.const 8)) (i32.load8_u (local.get 0))))
          (func (export "lib_write") (param i32 i32) (call $lib_write (local.get 0) (local.get 1)))
          ;; the table slot's result, plus 256 × this memory's byte at the address read after the call
          (func (export "indirect") (param $slot i32) (param $address i32) (result i32)
            (i32.add
              (call_indirect (type $reader) (local.get $address) (local.get $slot))
              (i32.shl (i32.load8_u (local.get $address)) (i32.const 8))))
          (func (export "lib_call_back") (param i32 i32) (result i32) (call $lib_call_back (local.get 0) (local.get 1)))
          (func (export "size") (result i32) (memory.size))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "lib_size") (result i32) (call $lib_size))
          (func (export "lib_grow") (param i32) (result i32) (call $lib_grow (local.get 0)))
          (func (export "lib_load32") (param i32) (result i32) (call $lib_load32 (local.get 0))))
        """;

    private static GuestImage Linked() => WasmCompiler.Link([Named("lib", Library), Named("main", Main)], []);

    [Fact]
    public void The_main_modules_memory_is_memory_0_and_the_librarys_an_additional_one()
    {
        GuestImage image = Linked();

        Assert.Equal((3u, (uint?)null), (image.MemoryMinimumPages!.Value, image.MemoryMaximumPages));
        Assert.Equal([new GuestMemoryLimits(1, 4)], image.AdditionalMemories);
        Assert.Equal(["memory"], image.MemoryExports);
    }

    [Fact]
    public void Each_module_starts_with_its_own_data_segments_in_its_own_memory()
    {
        using var harness = new InProcessHarness(Linked());

        Assert.Equal("MAIN", Encoding.ASCII.GetString(harness.Memory[..4]));
        Assert.Equal("LIB\0", Encoding.ASCII.GetString(harness.MemoryAt(1)[..4]));
        Assert.Equal((3 * 65536, 65536), (harness.Memory.Length, harness.MemoryAt(1).Length));
    }

    [Fact]
    public void A_direct_call_runs_the_callee_on_its_memory_and_returns_to_the_callers()
    {
        using var harness = new InProcessHarness(Linked());

        Assert.Equal(Returned('L'), harness.Call("lib_read", 0).ToString());
        Assert.Equal(Returned('M'), harness.Call("read", 0).ToString());
        Assert.Equal(Returned(('I' << 8) + 'A'), harness.Call("read_both", 1).ToString());
        Assert.Equal(Returned('B'), harness.Call("lib_read_direct", 2).ToString());
    }

    [Fact]
    public void A_store_through_the_other_module_lands_in_its_memory_only()
    {
        using var harness = new InProcessHarness(Linked());

        harness.Call("lib_write", 100, 99);

        Assert.Equal(99, harness.MemoryAt(1)[100]);
        Assert.Equal(0, harness.Memory[100]);
        Assert.Equal(Returned(99 << 8), harness.Call("read_both", 100).ToString());
    }

    [Fact]
    public void Call_indirect_through_the_shared_table_runs_each_function_on_its_own_memory()
    {
        using var harness = new InProcessHarness(Linked());

        // Slot 0 is the library's reader, slot 1 the main module's; the caller's own byte follows in bits 8..15.
        Assert.Equal(Returned('I' + ('A' << 8)), harness.Call("indirect", 0, 1).ToString());
        Assert.Equal(Returned('A' + ('A' << 8)), harness.Call("indirect", 1, 1).ToString());
    }

    [Fact]
    public void A_callback_from_the_library_into_the_main_module_runs_on_the_main_memory()
    {
        using var harness = new InProcessHarness(Linked());

        Assert.Equal(Returned('I' + ('L' * 1000)), harness.Call("lib_call_back", 1, 2).ToString());
        Assert.Equal(Returned('B' + ('L' * 1000)), harness.Call("lib_call_back", 0, 2).ToString());
    }

    [Fact]
    public void Growing_one_memory_leaves_the_others_size_and_maximum_alone()
    {
        using var harness = new InProcessHarness(Linked());

        Assert.Equal(Returned(1), harness.Call("lib_grow", 1).ToString());
        Assert.Equal((Returned(2), Returned(3)), (harness.Call("lib_size").ToString(), harness.Call("size").ToString()));
        Assert.Equal(Returned(3), harness.Call("grow", 5).ToString());
        Assert.Equal((Returned(2), Returned(8)), (harness.Call("lib_size").ToString(), harness.Call("size").ToString()));
        // The library may reach 4 pages whatever the main memory's size.
        Assert.Equal(Returned(uint.MaxValue), harness.Call("lib_grow", 3).ToString());
        Assert.Equal(Returned(2), harness.Call("lib_grow", 2).ToString());
    }

    [Fact]
    public void An_access_past_the_librarys_memory_traps_in_the_library_though_the_main_memory_is_larger()
    {
        GuestImage image = Linked();
        using var harness = new InProcessHarness(image);

        Assert.Equal("trap MemoryOutOfBounds", harness.Call("lib_load32", 65534).ToString());
        Assert.StartsWith("lib:", image.FunctionNames[harness.TrapRecord.Function], StringComparison.Ordinal);
        Assert.Equal(Returned(0), harness.Call("read", 65534).ToString());
        Assert.Equal(Returned(0), harness.Call("lib_load32", 65532).ToString());
    }

    [Fact]
    public void Bulk_memory_in_the_library_works_on_its_memory_and_checks_its_bounds()
    {
        using var harness = new InProcessHarness(WasmCompiler.Link([Named("lib", Library), Named("main", """
            (module
              (import "lib" "fill" (func $fill (param i32 i32 i32)))
              (import "lib" "init" (func $init (param i32)))
              (memory 2)
              (func (export "fill") (param i32 i32 i32) (call $fill (local.get 0) (local.get 1) (local.get 2)))
              (func (export "init") (param i32) (call $init (local.get 0))))
            """)], []));

        Assert.Equal(Returned(), harness.Call("fill", 10, 7, 3).ToString());
        Assert.Equal(Returned(), harness.Call("init", 20).ToString());
        Assert.Equal("trap MemoryOutOfBounds", harness.Call("fill", 65535, 1, 2).ToString());
        Assert.Equal("trap MemoryOutOfBounds", harness.Call("init", 65530).ToString());

        Assert.Equal([7, 7, 7, 0], harness.MemoryAt(1)[10..14].ToArray());
        Assert.Equal("lib-passive", Encoding.ASCII.GetString(harness.MemoryAt(1)[20..31]));
        Assert.DoesNotContain(harness.Memory.ToArray(), b => b != 0);
    }

    [Fact]
    public void A_host_import_of_the_library_names_the_librarys_memory_for_its_string_arguments()
    {
        GuestImage image = WasmCompiler.Link(
            [
                Named("lib", """
                    (module
                      (import "env" "log" (func $log (param i32 i32)))
                      (memory 1)
                      (data (i32.const 8) "from lib")
                      (func (export "log") (call $log (i32.const 8) (i32.const 8))))
                    """),
                Named("main", """
                    (module
                      (import "env" "log" (func $log (param i32 i32)))
                      (import "lib" "log" (func $lib_log))
                      (memory 1)
                      (data (i32.const 8) "main")
                      (func (export "run") (call $lib_log) (call $log (i32.const 8) (i32.const 4))))
                    """),
            ],
            []);
        var logged = new List<string>();
        InProcessHarness? harness = null;
        string Read(int memory, ulong[] args) => Encoding.ASCII.GetString(harness!.MemoryAt(memory).Slice((int)args[0], (int)args[1]));
        harness = new InProcessHarness(image, imports: new()
        {
            [0] = args => { logged.Add(Read(image.Imports[0].Memory, args)); return 0; },
            [1] = args => { logged.Add(Read(image.Imports[1].Memory, args)); return 0; },
        });
        using (harness)
            harness.Call("run");

        Assert.Equal([1, 0], image.Imports.Select(i => i.Memory));
        Assert.Equal(["from lib", "main"], logged);
    }

    [Fact]
    public void Two_modules_sharing_a_memory_beside_a_third_with_its_own()
    {
        GuestImage image = WasmCompiler.Link(
            [
                Named("owner", """
                    (module
                      (memory (export "memory") 1)
                      (data (i32.const 0) "\2a")
                      (func (export "read") (param i32) (result i32) (i32.load8_u (local.get 0))))
                    """),
                Named("sharer", """
                    (module
                      (import "owner" "memory" (memory 1))
                      (data (i32.const 1) "\2b")
                      (func (export "write") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))
                    """),
                Named("main", """
                    (module
                      (import "owner" "read" (func $read (param i32) (result i32)))
                      (import "sharer" "write" (func $write (param i32 i32)))
                      (memory 1)
                      (data (i32.const 0) "\07\08")
                      (func (export "write_then_read") (param i32 i32) (result i32)
                        (call $write (local.get 0) (local.get 1))
                        (i32.add (call $read (local.get 0)) (i32.shl (i32.load8_u (local.get 0)) (i32.const 8)))))
                    """),
            ],
            []);
        using var harness = new InProcessHarness(image);

        Assert.Equal([new GuestMemoryLimits(1, null)], image.AdditionalMemories);
        Assert.Equal([0x2a, 0x2b], harness.MemoryAt(1)[..2].ToArray());
        Assert.Equal(Returned(0x63 + (0x08 << 8)), harness.Call("write_then_read", 1, 0x63).ToString());
        Assert.Equal([0x07, 0x08], harness.Memory[..2].ToArray());
    }

    [Fact]
    public void A_module_without_memory_between_two_with_memories_leaves_each_on_its_own()
    {
        GuestImage image = WasmCompiler.Link(
            [
                Named("lib", Library),
                Named("relay", """
                    (module
                      (import "lib" "read" (func $read (param i32) (result i32)))
                      (func (export "relay") (param i32) (result i32) (i32.add (call $read (local.get 0)) (i32.const 1))))
                    """),
                Named("main", """
                    (module
                      (import "relay" "relay" (func $relay (param i32) (result i32)))
                      (memory 1)
                      (data (i32.const 0) "MAIN")
                      (func (export "run") (param i32) (result i32)
                        (i32.add (call $relay (local.get 0)) (i32.shl (i32.load8_u (local.get 0)) (i32.const 8)))))
                    """),
            ],
            []);
        using var harness = new InProcessHarness(image);

        Assert.Equal(Returned('L' + 1 + ('M' << 8)), harness.Call("run", 0).ToString());
    }

    [Fact]
    public void A_main_module_without_memory_reaches_two_libraries_each_on_its_own()
    {
        GuestImage image = WasmCompiler.Link(
            [
                Named("first", """(module (memory 1) (data (i32.const 0) "\01") (func (export "read") (result i32) (i32.load8_u (i32.const 0))))"""),
                Named("second", """(module (memory 2) (data (i32.const 0) "\02") (func (export "read") (result i32) (i32.load8_u (i32.const 0))))"""),
                Named("main", """
                    (module
                      (import "first" "read" (func $first (result i32)))
                      (import "second" "read" (func $second (result i32)))
                      (func (export "run") (result i32) (i32.add (call $first) (i32.shl (call $second) (i32.const 4)))))
                    """),
            ],
            []);
        using var harness = new InProcessHarness(image);

        Assert.Equal((1u, 2u), (image.MemoryMinimumPages!.Value, image.AdditionalMemories.Single().MinimumPages));
        Assert.Equal(Returned(0x21), harness.Call("run").ToString());
    }

    [Fact]
    public void Host_defined_memories_are_memories_of_their_own_shared_by_each_importer()
    {
        WasmHostExtern[] host =
        [
            new WasmHostMemory("env", "a", new MemoryType(new Limits(1, 2))),
            new WasmHostMemory("env", "b", new MemoryType(new Limits(2, null))),
        ];
        GuestImage image = WasmCompiler.Link(
            [
                Named("lib", """(module (import "env" "b" (memory 1)) (func (export "size") (result i32) (memory.size)))"""),
                Named("main", """
                    (module
                      (import "env" "a" (memory 1))
                      (import "lib" "size" (func $lib_size (result i32)))
                      (func (export "sizes") (result i32) (i32.add (memory.size) (i32.shl (call $lib_size) (i32.const 4)))))
                    """),
            ],
            host);
        using var harness = new InProcessHarness(image);

        Assert.Equal((1u, (uint?)2u), (image.MemoryMinimumPages!.Value, image.MemoryMaximumPages));
        Assert.Equal([new GuestMemoryLimits(2, null)], image.AdditionalMemories);
        Assert.Equal(Returned(0x21), harness.Call("sizes").ToString());
    }

    [Fact]
    public void More_memories_than_a_sandbox_holds_are_a_link_error()
    {
        var modules = Enumerable.Range(0, ControlPage.MaxMemories + 1).Select(i => Named($"m{i}", "(module (memory 0))")).ToList();

        var error = Assert.Throws<WasmLinkException>(() => WasmCompiler.Link(modules, []));

        Assert.Equal($"m{ControlPage.MaxMemories}", error.LinkedModule);
        Assert.Contains($"more than {ControlPage.MaxMemories} linear memories, the most one sandbox holds", error.Message, StringComparison.Ordinal);
    }

    private static string Returned(params long[] results) => CallOutcome.Returned([.. results.Select(r => (ulong)(uint)r)]).ToString();
}
