namespace Hyperlight.Tests.Instances;

/// <summary>Host functions with string data, imported by a linked module and by the main module.</summary>
[HostFunction]
public partial interface ITextHost
{
    void Log(string message);

    string Shout(string text);
}

/// <summary>
/// A linked module and the main module that each own a linear memory, on every engine: each module's
/// code, data segments and host calls use its own memory; the host sees the main module's.
/// </summary>
public sealed class SeveralMemoriesTests
{
    /// <summary>One page (at most four), "LIB" at 0; logs and shouts text from its own memory.</summary>
    private const string Library = """
        (module
          (import "env" "Log" (func $log (param i32 i32)))
          (import "env" "Shout" (func $shout (param i32 i32 i32)))
          (memory (export "memory") 1 4)
          (global $heap (mut i32) (i32.const 1024))
          (data (i32.const 0) "LIB")
          (data (i32.const 16) "from lib")
          (table (export "table") 2 funcref)
          (type $reader (func (param i32) (result i32)))
          (func $read (export "read") (type $reader) (i32.load8_u (local.get 0)))
          (func (export "write") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "size") (result i32) (memory.size))
          (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "log") (call $log (i32.const 16) (i32.const 8)))
          ;; the answer's first byte plus its length × 256, both read from this memory
          (func (export "shout") (result i32)
            (call $shout (i32.const 16) (i32.const 8) (i32.const 32))
            (i32.add (i32.load8_u (i32.load (i32.const 32))) (i32.shl (i32.load (i32.const 36)) (i32.const 8))))
          (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
            (global.get $heap)
            (global.set $heap (i32.add (global.get $heap) (local.get 3))))
          (func (export "call_back") (param $slot i32) (param $address i32) (result i32)
            (i32.add
              (call_indirect (type $reader) (local.get $address) (local.get $slot))
              (i32.mul (i32.load8_u (i32.const 0)) (i32.const 1000))))
          (elem (i32.const 0) $read))
        """;

    /// <summary>Two pages, "MAIN" at 0; its own reader in table slot 1.</summary>
    private const string Main = """
        (module
          (import "env" "Log" (func $log (param i32 i32)))
          (import "lib" "read" (func $lib_read (param i32) (result i32)))
          (import "lib" "write" (func $lib_write (param i32 i32)))
          (import "lib" "grow" (func $lib_grow (param i32) (result i32)))
          (import "lib" "size" (func $lib_size (result i32)))
          (import "lib" "load32" (func $lib_load32 (param i32) (result i32)))
          (import "lib" "log" (func $lib_log))
          (import "lib" "shout" (func $lib_shout (result i32)))
          (import "lib" "call_back" (func $lib_call_back (param i32 i32) (result i32)))
          (import "lib" "table" (table 2 funcref))
          (type $reader (func (param i32) (result i32)))
          (memory (export "memory") 2)
          (global $heap (mut i32) (i32.const 4096))
          (data (i32.const 0) "MAIN")
          (data (i32.const 16) "from main")
          (func $read (type $reader) (i32.load8_u (local.get 0)))
          (elem (i32.const 1) $read)
          (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
            (global.get $heap)
            (global.set $heap (i32.add (global.get $heap) (local.get 3))))
          (func (export "read_both") (param i32) (result i32)
            (i32.add (i32.shl (call $lib_read (local.get 0)) (i32.const 8)) (i32.load8_u (local.get 0))))
          (func (export "lib_write") (param i32 i32) (call $lib_write (local.get 0) (local.get 1)))
          (func (export "lib_grow") (param i32) (result i32) (call $lib_grow (local.get 0)))
          (func (export "lib_size") (result i32) (call $lib_size))
          (func (export "size") (result i32) (memory.size))
          (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "lib_load32") (param i32) (result i32) (call $lib_load32 (local.get 0)))
          (func (export "log_both") (call $lib_log) (call $log (i32.const 16) (i32.const 9)))
          (func (export "lib_shout") (result i32) (call $lib_shout))
          (func (export "lib_call_back") (param i32 i32) (result i32) (call $lib_call_back (local.get 0) (local.get 1)))
          (func (export "indirect") (param $slot i32) (param $address i32) (result i32)
            (i32.add
              (call_indirect (type $reader) (local.get $address) (local.get $slot))
              (i32.shl (i32.load8_u (local.get $address)) (i32.const 8)))))
        """;

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Each_module_reads_its_own_memory_across_direct_and_indirect_calls(TestEngine engine)
    {
        using Sandbox sandbox = Build(engine);

        Assert.Equal(I32(('I' << 8) + 'A'), sandbox.Invoke("read_both", WasmValue.I32(1)));
        Assert.Equal(I32('I' + ('A' << 8)), sandbox.Invoke("indirect", WasmValue.I32(0), WasmValue.I32(1)));
        Assert.Equal(I32('A' + ('A' << 8)), sandbox.Invoke("indirect", WasmValue.I32(1), WasmValue.I32(1)));
        Assert.Equal(I32('I' + ('L' * 1000)), sandbox.Invoke("lib_call_back", WasmValue.I32(1), WasmValue.I32(2)));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void The_host_sees_the_main_modules_memory_and_the_library_writes_its_own(TestEngine engine)
    {
        using Sandbox sandbox = Build(engine);

        sandbox.Invoke("lib_write", WasmValue.I32(100), WasmValue.I32(99));
        sandbox.WriteMemory("memory", 101, [42]);

        Assert.Equal(I32(99 << 8), sandbox.Invoke("read_both", WasmValue.I32(100)));
        Assert.Equal(I32(42), sandbox.Invoke("read_both", WasmValue.I32(101)));
        Assert.Equal("MAIN"u8.ToArray(), Read(sandbox, 0, 4));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Growing_the_librarys_memory_leaves_the_main_memory_alone(TestEngine engine)
    {
        using Sandbox sandbox = Build(engine);

        Assert.Equal(I32(1), sandbox.Invoke("lib_grow", WasmValue.I32(2)));
        Assert.Equal(I32(-1), sandbox.Invoke("lib_grow", WasmValue.I32(2)));

        Assert.Equal(I32(3), sandbox.Invoke("lib_size"));
        Assert.Equal(I32(2), sandbox.Invoke("size"));
        Assert.Equal(2 * 65536, sandbox.GetMemorySize("memory"));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void An_access_past_the_librarys_memory_traps_though_the_main_memory_holds_the_address(TestEngine engine)
    {
        using Sandbox sandbox = Build(engine);

        var trap = Assert.Throws<GuestTrapException>(() => sandbox.Invoke("lib_load32", WasmValue.I32(65534)));

        Assert.Equal(TrapKind.MemoryOutOfBounds, trap.Kind);
        Assert.Equal(I32(0), sandbox.Invoke("load32", WasmValue.I32(65534)));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Host_functions_read_and_answer_strings_in_the_calling_modules_memory(TestEngine engine)
    {
        var host = new TextHost();
        using Sandbox sandbox = Build(engine, host);

        sandbox.Invoke("log_both");

        Assert.Equal(["from lib", "from main"], host.Logged);
        Assert.Equal(I32('F' + (8 << 8)), sandbox.Invoke("lib_shout"));
        Assert.Equal("MAIN"u8.ToArray(), Read(sandbox, 0, 4));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Restore_resets_every_memory_its_size_and_contents(TestEngine engine)
    {
        using Sandbox sandbox = Build(engine);
        sandbox.Invoke("lib_write", WasmValue.I32(0), WasmValue.I32('X'));
        sandbox.Invoke("lib_grow", WasmValue.I32(1));
        sandbox.WriteMemory("memory", 0, "m"u8);

        sandbox.Restore();

        Assert.Equal(I32(('L' << 8) + 'M'), sandbox.Invoke("read_both", WasmValue.I32(0)));
        Assert.Equal(I32(1), sandbox.Invoke("lib_size"));
        Assert.Equal("MAIN"u8.ToArray(), Read(sandbox, 0, 4));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Two_modules_share_one_memory_beside_a_main_module_with_its_own(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Builder(engine, """
                (module
                  (import "owner" "read" (func $read (param i32) (result i32)))
                  (import "sharer" "write" (func $write (param i32 i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 0) "\07\08")
                  (func (export "write_then_read") (param i32 i32) (result i32)
                    (call $write (local.get 0) (local.get 1))
                    (i32.add (call $read (local.get 0)) (i32.shl (i32.load8_u (local.get 0)) (i32.const 8)))))
                """)
            .WithLinkedModule("owner", Wat.ToWasm("""
                (module
                  (memory (export "memory") 1)
                  (data (i32.const 0) "\2a")
                  (func (export "read") (param i32) (result i32) (i32.load8_u (local.get 0))))
                """))
            .WithLinkedModule("sharer", Wat.ToWasm("""
                (module
                  (import "owner" "memory" (memory 1))
                  (func (export "write") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))
                """))
            .Build();

        Assert.Equal(I32(0x2a + (0x07 << 8)), sandbox.Invoke("write_then_read", WasmValue.I32(0), WasmValue.I32(0x2a)));
        Assert.Equal(I32(0x63 + (0x08 << 8)), sandbox.Invoke("write_then_read", WasmValue.I32(1), WasmValue.I32(0x63)));
        Assert.Equal([7, 8], Read(sandbox, 0, 2));
    }

    private static Sandbox Build(TestEngine engine, TextHost? host = null) =>
        TestEngines.Builder(engine, Main)
            .WithLinkedModule("lib", Wat.ToWasm(Library))
            .WithHostFunctions<ITextHost>(host ?? new TextHost())
            .Build();

    private static WasmValue[] I32(int value) => [WasmValue.I32(value)];

    private static byte[] Read(Sandbox sandbox, long offset, int length)
    {
        var bytes = new byte[length];
        sandbox.ReadMemory("memory", offset, bytes);
        return bytes;
    }

    private sealed class TextHost : ITextHost
    {
        public List<string> Logged { get; } = [];

        public void Log(string message) => Logged.Add(message);

        public string Shout(string text) => text.ToUpperInvariant();
    }
}
