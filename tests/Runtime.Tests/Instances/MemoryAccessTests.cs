namespace Hyperlight.Tests.Instances;

/// <summary>Reading and writing an exported memory by name, inside its current size and only there.</summary>
public sealed class MemoryAccessTests
{
    private const int PageSize = 65536;

    private const string Module = """
        (module
          (memory (export "mem") 1 3)
          (data (i32.const 16) "hello")
          (func (export "load") (param i32) (result i32) local.get 0 i32.load8_u)
          (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store8)
          (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
          (func (export "noop")))
        """;

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void The_host_reads_what_the_guest_wrote_and_the_reverse(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);
        var hello = new byte[5];
        sandbox.Invoke("store", WasmValue.I32(PageSize - 1), WasmValue.I32(0xAB));

        sandbox.ReadMemory("mem", 16, hello);
        sandbox.WriteMemory("mem", 100, [1, 2, 3]);
        var last = new byte[1];
        sandbox.ReadMemory("mem", PageSize - 1, last);

        Assert.Equal("hello"u8.ToArray(), hello);
        Assert.Equal(0xAB, last[0]);
        Assert.Equal([WasmValue.I32(3)], sandbox.Invoke("load", WasmValue.I32(102)));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void The_size_follows_growth(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);
        Assert.Equal(PageSize, sandbox.GetMemorySize("mem"));

        sandbox.Invoke("grow", WasmValue.I32(2));
        sandbox.WriteMemory("mem", (3 * PageSize) - 2, [7, 8]);

        Assert.Equal(3 * PageSize, sandbox.GetMemorySize("mem"));
        Assert.Equal([WasmValue.I32(8)], sandbox.Invoke("load", WasmValue.I32((3 * PageSize) - 1)));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_range_outside_the_memory_moves_no_byte(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);
        var buffer = new byte[4];

        var pastEnd = Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.WriteMemory("mem", PageSize - 2, new byte[] { 9, 9, 9, 9 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.ReadMemory("mem", PageSize - 3, buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.ReadMemory("mem", -1, buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.ReadMemory("mem", long.MaxValue, buffer));
        sandbox.ReadMemory("mem", PageSize, Span<byte>.Empty);

        Assert.Contains($"which has {PageSize} bytes", pastEnd.Message, StringComparison.Ordinal);
        Assert.Equal([WasmValue.I32(0)], sandbox.Invoke("load", WasmValue.I32(PageSize - 2)));
        Assert.Equal([WasmValue.I32(0)], sandbox.Invoke("load", WasmValue.I32(PageSize - 1)));
    }

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Only_an_exported_memory_is_reachable(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Build(engine, Module);

        Assert.Throws<GuestBindingException>(() => sandbox.GetMemorySize("memory"));
        Assert.Throws<GuestBindingException>(() => sandbox.ReadMemory("load", 0, new byte[1]));
    }
}
