using System.Text;
using Hyperlight.Images;
using Hyperlight.Wasm.Tests.Compiler.Harness;

namespace Hyperlight.Wasm.Tests.Compiler;

/// <summary>Compiled images run in the in-process harness: known results, traps, and the guest-side glue.</summary>
public sealed class CompiledCodeTests
{
    private static InProcessHarness Load(string wat, Dictionary<uint, Func<ulong[], ulong>>? imports = null) =>
        new(WasmCompiler.Compile(global::Wasmtime.Module.ConvertText(wat)), imports: imports);

    [Fact]
    public void Known_results_come_back_in_slot_zero_with_i32_zero_extended()
    {
        using var guest = Load("""
            (module
              (func $fib (export "fib") (param i32) (result i32)
                (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
                  (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
              (func (export "minus_one") (result i32) (i32.const -1))
              (func (export "pair") (result i64 f32) (i64.const -2) (f32.const 1.5)))
            """);

        Assert.Equal([6765UL], guest.Call("fib", 20).Results);
        Assert.Equal([0xFFFF_FFFFUL], guest.Call("minus_one").Results);
        Assert.Equal([unchecked((ulong)-2L), BitConverter.SingleToUInt32Bits(1.5f)], guest.Call("pair").Results);
    }

    [Theory]
    [InlineData("(unreachable)", TrapKind.Unreachable)]
    [InlineData("(drop (i32.div_s (i32.const 1) (i32.const 0)))", TrapKind.IntegerDivideByZero)]
    [InlineData("(drop (i64.div_s (i64.const 0x8000000000000000) (i64.const -1)))", TrapKind.IntegerOverflow)]
    [InlineData("(drop (i32.trunc_f64_s (f64.const nan)))", TrapKind.InvalidConversionToInteger)]
    [InlineData("(drop (i32.trunc_f32_u (f32.const -1)))", TrapKind.IntegerOverflow)]
    [InlineData("(drop (i32.load (i32.const 65533)))", TrapKind.MemoryOutOfBounds)]
    [InlineData("(drop (table.get 0 (i32.const 2)))", TrapKind.TableOutOfBounds)]
    [InlineData("(call_indirect (i32.const 0))", TrapKind.UninitializedElement)]
    [InlineData("(call_indirect (i32.const 1))", TrapKind.IndirectCallTypeMismatch)]
    public void Each_trap_reports_its_spec_kind(string body, TrapKind expected)
    {
        using var guest = Load($$"""
            (module (memory 1) (table 2 funcref) (elem (i32.const 1) $typed)
              (func $typed (param i32))
              (func (export "run") {{body}}))
            """);

        Assert.Equal(expected, guest.Call("run").Trap);
    }

    [Fact]
    public void A_raised_interrupt_flag_stops_an_endless_loop()
    {
        using var guest = Load("""(module (func (export "spin") (loop (br 0))))""");
        guest.SetInterruptFlag(true);

        Assert.Equal(TrapKind.Interrupted, guest.Call("spin").Trap);
    }

    [Fact]
    public void A_trap_record_names_the_function_and_the_code_offset_of_the_trapping_instruction()
    {
        byte[] wasm = global::Wasmtime.Module.ConvertText("""
            (module (memory 1)
              (func $a) (func $b)
              (func (export "load") (drop (i32.load (i32.const 65533))))
              (func (export "unreachable") (nop) (unreachable)))
            """);
        var bodies = Hyperlight.Wasm.Binary.WasmParser.Parse(wasm).Bodies;
        GuestImage image = WasmCompiler.Compile(wasm);
        using var guest = new InProcessHarness(image);

        Assert.Equal(TrapKind.MemoryOutOfBounds, guest.Call("load").Trap);
        var load = guest.TrapRecord;
        Assert.Equal(TrapKind.Unreachable, guest.Call("unreachable").Trap);
        var unreachable = guest.TrapRecord;

        // i32.const 65533 is 4 bytes (opcode, 3-byte LEB128), so the load is the 5th byte; nop is 1.
        Assert.Equal((2u, (uint)bodies[2].CodeOffset + 4), (load.Function, load.CodeOffset));
        Assert.Equal((3u, (uint)bodies[3].CodeOffset + 1), (unreachable.Function, unreachable.CodeOffset));
        Assert.InRange(load.RipOffset, 0, image.Code.Length - 1);
        Assert.InRange(unreachable.RipOffset, 0, image.Code.Length - 1);
        Assert.NotEqual(load.RipOffset, unreachable.RipOffset);
    }

    [Fact]
    public void An_image_of_several_hundred_KB_keeps_every_function_reachable_and_correct()
    {
        // Enough functions that the image spans several of the compiler's 64 KB output chunks.
        var wat = new StringBuilder("(module\n");
        for (int i = 0; i < 2000; i++)
            wat.Append($"(func (export \"f{i}\") (param i32) (result i32) (i32.add (i32.mul (local.get 0) (i32.const {i})) (i32.const {i})))\n");
        GuestImage image = WasmCompiler.Compile(global::Wasmtime.Module.ConvertText(wat.Append(')').ToString()));
        using var guest = new InProcessHarness(image);

        Assert.True(image.Code.Length > 3 * 64 * 1024, $"image is only {image.Code.Length} bytes");
        foreach (int i in new[] { 0, 700, 1311, 1999 })
            Assert.Equal([(ulong)((5 * i) + i)], guest.Call($"f{i}", 5).Results);
    }

    [Fact]
    public void Unbounded_recursion_traps_with_call_stack_exhausted()
    {
        using var guest = Load("""(module (func $f (export "deep") (param i64) (result i64) (i64.add (call $f (local.get 0)) (i64.const 1))))""");

        Assert.Equal(TrapKind.CallStackExhausted, guest.Call("deep", 1).Trap);
    }

    [Fact]
    public void An_unknown_function_index_is_a_protocol_violation()
    {
        using var guest = Load("""(module (func (export "f")))""");

        Assert.Equal(TrapKind.ProtocolViolation, guest.CallFunctionIndex(7).Trap);
    }

    [Fact]
    public void Imports_receive_flattened_core_arguments_and_return_slot_zero()
    {
        ulong[]? seen = null;
        using var guest = Load("""
            (module
              (import "env" "combine" (func $combine (param i32 i64 f64) (result i64)))
              (func (export "via_host") (param i32) (result i64)
                (i64.add (call $combine (local.get 0) (i64.const -7) (f64.const 2.5)) (i64.const 1))))
            """, new() { [0] = args => { seen = args; return args[0] + args[1]; } });

        CallOutcome outcome = guest.Call("via_host", 0xFFFF_FFF0);

        Assert.NotNull(seen);
        Assert.Equal([0xFFFF_FFF0UL, unchecked((ulong)-7L), BitConverter.DoubleToUInt64Bits(2.5)], seen);
        Assert.Equal([0xFFFF_FFF0UL - 7 + 1], outcome.Results);
    }

    [Fact]
    public void A_failing_host_function_traps_without_resuming_guest_code()
    {
        using var guest = Load("""
            (module (import "env" "boom" (func $boom)) (global $after (mut i32) (i32.const 0))
              (func (export "run") (call $boom) (global.set $after (i32.const 1)))
              (func (export "after") (result i32) (global.get $after)))
            """, new() { [0] = _ => throw new InvalidOperationException("host failure") });

        Assert.Equal(TrapKind.HostFunctionFailed, guest.Call("run").Trap);
        Assert.Equal([0UL], guest.Call("after").Results);
    }

    private const string TextModule = """
        (module
          (memory 1)
          (global $heap (mut i32) (i32.const 1024))
          (global $posts (mut i32) (i32.const 0))
          (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
            (global.get $heap)
            (global.set $heap (i32.add (global.get $heap) (local.get 3))))
          (func (export "echo") (param i32 i32) (result i32)
            (i32.store (i32.const 16) (local.get 0))
            (i32.store (i32.const 20) (local.get 1))
            (i32.const 16))
          (func (export "cabi_post_echo") (param i32) (global.set $posts (i32.add (global.get $posts) (i32.const 1))))
          (func (export "posts") (result i32) (global.get $posts))
          (func (export "length_plus") (param i32 i32 i32) (result i32) (i32.add (local.get 1) (local.get 2)))
          (func (export "bad_area") (param i32 i32) (result i32) (i32.const 65533))
          (func (export "bad_length") (param i32 i32) (result i32)
            (i32.store (i32.const 16) (i32.const 0))
            (i32.store (i32.const 20) (i32.const 0x7fffffff))
            (i32.const 16)))
        """;

    [Fact]
    public void String_arguments_are_staged_through_cabi_realloc_and_results_copied_to_the_payload()
    {
        using var guest = Load(TextModule);
        byte[] text = Encoding.UTF8.GetBytes("héllo");

        CallOutcome outcome = guest.CallWithSlots("echo", [(ulong)text.Length << 32], [AbiType.String], AbiType.String, text);

        Assert.Null(outcome.Trap);
        Assert.Equal([(ulong)text.Length << 32], outcome.Results);
        Assert.Equal((uint)text.Length, guest.PayloadLength);
        Assert.Equal(text, guest.Payload(text.Length).ToArray());
        Assert.Equal(text, guest.Memory.Slice(1024, text.Length).ToArray());
        Assert.Equal([1UL], guest.Call("posts").Results);
    }

    [Fact]
    public void Scalar_and_text_slots_mix_in_declaration_order()
    {
        using var guest = Load(TextModule);
        byte[] text = [1, 2, 3];

        CallOutcome outcome = guest.CallWithSlots("length_plus", [(ulong)text.Length << 32, 40], [AbiType.Bytes, AbiType.Int32], AbiType.Int32, text);

        Assert.Equal([43UL], outcome.Results);
    }

    [Theory]
    [InlineData("bad_area")]
    [InlineData("bad_length")]
    public void A_return_area_outside_memory_or_payload_is_a_protocol_violation(string export)
    {
        using var guest = Load(TextModule);

        CallOutcome outcome = guest.CallWithSlots(export, [0], [AbiType.String], AbiType.String, []);

        Assert.Equal(TrapKind.ProtocolViolation, outcome.Trap);
    }

    [Fact]
    public void A_payload_range_beyond_the_frame_is_a_protocol_violation()
    {
        using var guest = Load(TextModule);

        CallOutcome outcome = guest.CallWithSlots("echo", [0xFFFF_FFF0UL | (16UL << 32)], [AbiType.String], AbiType.String, []);

        Assert.Equal(TrapKind.ProtocolViolation, outcome.Trap);
    }

    [Fact]
    public void Slots_that_do_not_match_the_core_signature_are_a_protocol_violation()
    {
        using var guest = Load(TextModule);

        CallOutcome outcome = guest.CallWithSlots("length_plus", [1], [AbiType.Int32], AbiType.Int32);

        Assert.Equal(TrapKind.ProtocolViolation, outcome.Trap);
    }
}
