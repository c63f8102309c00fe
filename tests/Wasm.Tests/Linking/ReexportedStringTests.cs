using System.Text;
using Hyperlight.Images;
using Hyperlight.Wasm.Tests.Compiler.Harness;
using Hyperlight.Tests.Shared;
using static Hyperlight.Wasm.Tests.Linking.LinkErrorTests;

namespace Hyperlight.Wasm.Tests.Linking;

/// <summary>
/// A function the main module re-exports from a module with a memory of its own: the host's string
/// arguments must reach the memory that function reads, through its own module's allocator, and its
/// string result must be read from that memory, checked against that memory's size.
/// </summary>
public sealed class ReexportedStringTests
{
    private static InProcessHarness Load() =>
        new(WasmCompiler.Link([Named("lib", ReexportGuests.Library), Named("main", ReexportGuests.Main)], []));

    [Fact]
    public void A_reexported_function_gets_its_string_in_its_own_memory_and_returns_from_there()
    {
        using InProcessHarness harness = Load();
        byte[] text = Encoding.ASCII.GetBytes("abc");

        CallOutcome outcome = harness.CallWithSlots("upper", [(ulong)text.Length << 32], [AbiType.String], AbiType.String, text);

        Assert.Null(outcome.Trap);
        Assert.Equal("ABC", Encoding.ASCII.GetString(harness.Payload((int)harness.PayloadLength)));
        Assert.Equal("ABC", Encoding.ASCII.GetString(harness.MemoryAt(1).Slice(1024, 3)));
        Assert.Equal(new byte[3], harness.Memory.Slice(4096, 3).ToArray());
    }

    [Fact]
    public void The_main_modules_own_exports_still_stage_in_its_memory()
    {
        using InProcessHarness harness = Load();
        byte[] text = Encoding.ASCII.GetBytes("xyz");

        harness.CallWithSlots("upper", [(ulong)text.Length << 32], [AbiType.String], AbiType.String, text);
        CallOutcome outcome = harness.CallWithSlots("echo", [(ulong)text.Length << 32], [AbiType.String], AbiType.String, text);

        Assert.Null(outcome.Trap);
        Assert.Equal("xyz", Encoding.ASCII.GetString(harness.Payload((int)harness.PayloadLength)));
        Assert.Equal("xyz", Encoding.ASCII.GetString(harness.Memory.Slice(4096, 3)));
    }

    [Fact]
    public void A_return_area_past_the_reexported_functions_memory_is_a_protocol_violation()
    {
        using InProcessHarness harness = Load();

        CallOutcome outcome = harness.CallWithSlots("far_area", [0], [AbiType.String], AbiType.String, []);

        Assert.Equal(TrapKind.ProtocolViolation, outcome.Trap);
    }

    [Fact]
    public void The_link_check_names_the_module_a_reexport_runs()
    {
        WasmLinkSummary links = WasmLinker.Check([Named("lib", ReexportGuests.Library), Named("main", ReexportGuests.Main)], []);

        Assert.Equal(("lib", "lib", null), (links.ModuleRunning("upper"), links.ModuleRunning("far_area"), links.ModuleRunning("echo")));
        Assert.Null(links.ModuleRunning("cabi_realloc"));
        Assert.Null(links.ModuleRunning("no such export"));
    }
}
