using Hyperlight.Wasm.Binary;
using Hyperlight.Wasm.Compiler;
using Hyperlight.Wasm.Model;
using Hyperlight.Wasm.Tests.Compiler.Harness;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Tests.Compiler;

/// <summary>
/// Locals pinned to registers (<see cref="PinnedLocals"/>) where the differential corpus cannot
/// reach: host calls, which really clobber registers, host results, and which locals get pinned.
/// </summary>
public sealed class PinnedLocalTests
{
    private static InProcessHarness Load(string wat, Dictionary<uint, Func<ulong[], ulong>> imports) =>
        new(WasmCompiler.Compile(global::Wasmtime.Module.ConvertText(wat)), imports: imports);

    [Fact]
    public void Pinned_locals_keep_their_values_across_host_calls_in_a_loop()
    {
        var seen = new List<(ulong Index, double Value)>();
        using var guest = Load("""
            (module
              (import "env" "step" (func $step (param i32 f64) (result i32)))
              (func (export "run") (param $n i32) (result f64)
                (local $i i32) (local $sum i32) (local $f f64)
                (block $done (loop $next
                  (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                  (local.set $sum (i32.add (local.get $sum) (call $step (local.get $i) (local.get $f))))
                  (local.set $f (f64.add (local.get $f) (f64.const 1.5)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $next)))
                (f64.add (local.get $f) (f64.convert_i32_s (local.get $sum)))))
            """, new()
        {
            [0] = args =>
            {
                seen.Add((args[0], BitConverter.UInt64BitsToDouble(args[1])));
                return args[0] * 10;
            },
        });

        CallOutcome outcome = guest.Call("run", 10);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => ((ulong)i, 1.5 * i)), seen);
        Assert.Equal([BitConverter.DoubleToUInt64Bits(15.0 + 450)], outcome.Results);
    }

    [Theory]
    [InlineData("(call $address)")]
    [InlineData("(call_indirect (type $address) (i32.const 0))")]
    public void An_i32_from_the_host_is_zero_extended_before_it_addresses_memory(string call)
    {
        using var guest = Load($$"""
            (module
              (type $address (func (result i32)))
              (import "env" "address" (func $address (type $address)))
              (memory 1) (data (i32.const 16) "\2a")
              (table 1 funcref) (elem (i32.const 0) $address)
              (func (export "run") (result i32) (i32.load8_u {{call}})))
            """, new() { [0] = _ => 0xDEAD_BEEF_0000_0010 });

        CallOutcome outcome = guest.Call("run");

        Assert.Null(outcome.Trap);
        Assert.Equal([42UL], outcome.Results);
    }

    [Fact]
    public void Locals_used_in_a_loop_are_pinned_and_a_local_used_twice_outside_one_is_not()
    {
        PinnedLocals pinned = Choose("""
            (func (param $n i32) (result i32) (local $i i32) (local $once i32)
              (local.set $once (local.get $n))
              (loop $next
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
              (i32.add (local.get $i) (local.get $once)))
            """, ValueType.I32, ValueType.I32, ValueType.I32);

        Assert.Equal([1u, 0u], pinned.Locals.ToArray());
        Assert.True(pinned.IsWritten(1));
        Assert.False(pinned.IsWritten(0));
        Assert.False(pinned.TryGetRegister(2, out _));
    }

    [Fact]
    public void The_most_used_locals_take_the_five_integer_and_eight_float_registers()
    {
        // Local k is used k + 1 times in the loop, so higher indices win.
        var types = new ValueType[14];
        Array.Fill(types, ValueType.I32, 0, 6);
        Array.Fill(types, ValueType.F64, 6, 8);
        string uses = string.Concat(Enumerable.Range(0, types.Length).Select(k =>
            string.Concat(Enumerable.Repeat($"(drop (local.get {k}))", k + 1))));
        PinnedLocals pinned = Choose($"(func (param {string.Join(' ', types.Select(t => t.ToString().ToLowerInvariant()))}) (loop {uses}))", types);

        Assert.Equal([13u, 12u, 11u, 10u, 9u, 8u, 7u, 6u, 5u, 4u, 3u, 2u, 1u], pinned.Locals.ToArray());
        Assert.Equal(5, System.Numerics.BitOperations.PopCount(pinned.GprMask));
        Assert.Equal(8, System.Numerics.BitOperations.PopCount(pinned.XmmMask));
    }

    [Fact]
    public void A_call_in_the_loop_outweighs_a_written_local_but_not_one_only_read_as_often()
    {
        // Per iteration: two uses of each local and one call, after which both need a reload and the
        // written one a store before it as well.
        PinnedLocals pinned = Choose("""
            (func $f (param $read i32) (local $written i32)
              (loop $next
                (local.set $written (local.get $read))
                (call $f (local.get $read))
                (br_if $next (local.get $written))))
            """, ValueType.I32, ValueType.I32);

        Assert.Equal([0u], pinned.Locals.ToArray());
    }

    [Fact]
    public void A_choice_for_one_function_leaves_nothing_behind_for_the_next()
    {
        // The compiler reuses one instance for every function of a module: a smaller function
        // after a larger one must not see the larger one's registers, writes or masks.
        const string written = """
            (func (param i32 i32 i32 f64 f64)
              (loop (local.set 0 (local.get 1)) (local.set 1 (local.get 2)) (local.set 2 (local.get 0))
                    (local.set 3 (local.get 4)) (local.set 4 (local.get 3)) (br 0)))
            """;
        ValueType[] writtenTypes = [ValueType.I32, ValueType.I32, ValueType.I32, ValueType.F64, ValueType.F64];
        var pinned = new PinnedLocals();

        ChooseWith(pinned, written, writtenTypes);
        Assert.Equal(5, pinned.Locals.Length);
        ChooseWith(pinned, "(func (param i32 f64) (drop (local.get 0)) (drop (local.get 1)))", ValueType.I32, ValueType.F64);

        Assert.Empty(pinned.Locals.ToArray());
        Assert.Equal(0u, pinned.GprMask);
        Assert.Equal(0u, pinned.XmmMask);
        for (uint local = 0; local < 2; local++)
        {
            Assert.False(pinned.TryGetRegister(local, out _));
            Assert.False(pinned.IsWritten(local));
        }
        Assert.All(CallingConvention.PinnableGprs, r => Assert.False(pinned.TryGetLocalIn(r, out _)));

        PinnedLocals fresh = Choose(written, writtenTypes);
        ChooseWith(pinned, written, writtenTypes);
        Assert.Equal(fresh.Locals.ToArray(), pinned.Locals.ToArray());
        Assert.Equal(fresh.GprMask, pinned.GprMask);
        Assert.Equal(fresh.XmmMask, pinned.XmmMask);
    }

    private static PinnedLocals Choose(string function, params ValueType[] localTypes) =>
        ChooseWith(new PinnedLocals(), function, localTypes);

    private static PinnedLocals ChooseWith(PinnedLocals pinned, string function, params ValueType[] localTypes)
    {
        FunctionBody body = WasmParser.Parse(global::Wasmtime.Module.ConvertText($"(module {function})")).Bodies[0];
        pinned.Choose(new CodeReader(body.Code, body.CodeOffset), localTypes);
        return pinned;
    }
}
