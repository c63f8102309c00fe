namespace Hyperlight.Wasm.Tests.Validation;

/// <summary>
/// Valid modules that together use every Wasm 2.0 instruction and section; the validator tests
/// accept them and the fuzz tests mutate them.
/// </summary>
internal static class CorpusModules
{
    public const string Numeric = """
        (module
          (func (export "ints") (param i32 i64) (result i32)
            local.get 0 i32.eqz drop
            local.get 0 local.get 0 i32.eq drop local.get 0 local.get 0 i32.ne drop
            local.get 0 local.get 0 i32.lt_s drop local.get 0 local.get 0 i32.lt_u drop
            local.get 0 local.get 0 i32.gt_s drop local.get 0 local.get 0 i32.gt_u drop
            local.get 0 local.get 0 i32.le_s drop local.get 0 local.get 0 i32.le_u drop
            local.get 0 local.get 0 i32.ge_s drop local.get 0 local.get 0 i32.ge_u drop
            local.get 1 i64.eqz drop local.get 1 local.get 1 i64.lt_u drop local.get 1 local.get 1 i64.ge_s drop
            local.get 0 i32.clz local.get 0 i32.ctz i32.add local.get 0 i32.popcnt i32.sub
            local.get 0 i32.mul local.get 0 i32.div_s local.get 0 i32.div_u local.get 0 i32.rem_s local.get 0 i32.rem_u
            local.get 0 i32.and local.get 0 i32.or local.get 0 i32.xor local.get 0 i32.shl local.get 0 i32.shr_s
            local.get 0 i32.shr_u local.get 0 i32.rotl local.get 0 i32.rotr
            local.get 1 i64.clz local.get 1 i64.ctz i64.add local.get 1 i64.popcnt i64.sub local.get 1 i64.mul
            local.get 1 i64.div_s local.get 1 i64.div_u local.get 1 i64.rem_s local.get 1 i64.rem_u local.get 1 i64.and
            local.get 1 i64.or local.get 1 i64.xor local.get 1 i64.shl local.get 1 i64.shr_s local.get 1 i64.shr_u
            local.get 1 i64.rotl local.get 1 i64.rotr
            i32.wrap_i64 i32.add
            i32.extend8_s i32.extend16_s i64.extend_i32_s i64.extend8_s i64.extend16_s i64.extend32_s i32.wrap_i64
            i64.extend_i32_u i32.wrap_i64)
          (func (export "floats") (param f32 f64) (result f64)
            local.get 0 local.get 0 f32.eq drop local.get 0 local.get 0 f32.ne drop local.get 0 local.get 0 f32.lt drop
            local.get 0 local.get 0 f32.gt drop local.get 0 local.get 0 f32.le drop local.get 0 local.get 0 f32.ge drop
            local.get 1 local.get 1 f64.eq drop local.get 1 local.get 1 f64.ge drop
            local.get 0 f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt
            local.get 0 f32.add local.get 0 f32.sub local.get 0 f32.mul local.get 0 f32.div local.get 0 f32.min
            local.get 0 f32.max local.get 0 f32.copysign
            f64.promote_f32 f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt
            local.get 1 f64.add local.get 1 f64.sub local.get 1 f64.mul local.get 1 f64.div local.get 1 f64.min
            local.get 1 f64.max local.get 1 f64.copysign
            f32.demote_f64 i32.trunc_f32_s f32.convert_i32_s i32.trunc_f32_u f32.convert_i32_u
            i64.trunc_f32_s f32.convert_i64_s i64.trunc_f32_u f32.convert_i64_u f64.promote_f32
            i32.trunc_f64_s f64.convert_i32_s i32.trunc_f64_u f64.convert_i32_u i64.trunc_f64_s f64.convert_i64_s
            i64.trunc_f64_u f64.convert_i64_u
            i64.reinterpret_f64 f64.reinterpret_i64 f32.demote_f64 i32.reinterpret_f32 f32.reinterpret_i32
            i32.trunc_sat_f32_s drop local.get 0 i32.trunc_sat_f32_u drop local.get 1 i32.trunc_sat_f64_s drop
            local.get 1 i32.trunc_sat_f64_u drop local.get 0 i64.trunc_sat_f32_s drop local.get 0 i64.trunc_sat_f32_u drop
            local.get 1 i64.trunc_sat_f64_s drop local.get 1 i64.trunc_sat_f64_u drop
            f32.const 1.5 drop f64.const -2.25))
        """;

    public const string ControlAndMemory = """
        (module
          (type $pair (func (param i32) (result i32 i32)))
          (type $unary (func (param i32) (result i32)))
          (import "env" "host" (func $host (param i32) (result i32)))
          (import "env" "seed" (global $seed i32))
          (memory (export "memory") 1 2)
          (table $calls 2 funcref)
          (global $acc (mut i64) (i64.const 0))
          (elem (table $calls) (i32.const 0) func $host $loop)
          (data (i32.const 16) "\01\02\03")
          (func $loop (type $unary)
            (local $i i32)
            block $exit
              loop $again
                local.get $i i32.const 10 i32.ge_u br_if $exit
                local.get $i i32.const 1 i32.add local.set $i
                br $again
              end
            end
            local.get 0
            local.get 0
            if (result i32) i32.const 1 else i32.const 2 end
            local.get $i
            select
            block (param i32) (result i32) i32.const 1 i32.add end
            local.get 0
            br_table 0 0 0)
          (func $multi (type $pair) local.get 0 local.get 0 i32.const 1 i32.add)
          (func (export "run") (param i32) (result i32)
            local.get 0 call $multi i32.add
            i32.const 1 call_indirect (type $unary)
            global.get $seed i32.add
            i64.extend_i32_u global.set $acc
            i32.const 0 i32.load i32.const 0 i64.load8_s i32.wrap_i64 i32.add
            i32.const 0 i64.load16_u i64.const 1 i64.add i32.wrap_i64 i32.add
            i32.const 4 f32.load i32.trunc_sat_f32_s i32.add
            i32.const 8 f64.load align=4 i32.trunc_sat_f64_u i32.add
            i32.const 0 i64.load i32.wrap_i64 i32.add i32.const 0 i32.load8_s i32.add i32.const 0 i32.load16_u i32.add
            i32.const 0 i64.load8_u i32.wrap_i64 i32.add i32.const 0 i64.load16_s i32.wrap_i64 i32.add
            i32.const 0 i64.load32_s i32.wrap_i64 i32.add
            i32.const 0 i32.load8_u offset=3 i32.add i32.const 0 i32.load16_s i32.add i32.const 0 i64.load32_u i32.wrap_i64 i32.add
            i32.const 0 local.get 0 i32.store
            i32.const 0 i64.const 2 i64.store32
            i32.const 0 i32.const 3 i32.store8 i32.const 0 i32.const 3 i32.store16
            i32.const 0 i64.const 3 i64.store8 i32.const 0 i64.const 3 i64.store16 i32.const 0 i64.const 3 i64.store
            i32.const 0 f32.const 1 f32.store i32.const 0 f64.const 1 f64.store
            memory.size i32.add i32.const 1 memory.grow i32.add
            (if (i32.eqz (local.get 0)) (then unreachable))
            nop
            return))
        """;

    public const string BulkAndReferences = """
        (module
          (type $t (func))
          (import "env" "things" (table $things 1 externref))
          (memory 1)
          (table $funcs 4 funcref)
          (table $more 2 funcref)
          (global $fn funcref (ref.func $a))
          (global $ext (mut externref) (ref.null extern))
          (elem $passive func $a $b)
          (elem $exprs funcref (ref.func $a) (ref.null func))
          (elem declare func $c)
          (elem (table $more) (i32.const 0) funcref (item ref.func $b))
          (data $bytes "abcdef")
          (func $a)
          (func $b)
          (func $c (param externref) (result funcref)
            local.get 0 ref.is_null drop
            ref.func $c ref.is_null drop
            global.get $fn)
          (func (export "bulk") (param i32)
            (memory.init $bytes (local.get 0) (i32.const 0) (i32.const 6))
            (data.drop $bytes)
            (memory.copy (i32.const 0) (i32.const 8) (i32.const 4))
            (memory.fill (i32.const 0) (i32.const 255) (i32.const 16))
            (table.init $funcs $passive (i32.const 0) (i32.const 0) (i32.const 2))
            (elem.drop $passive)
            (table.copy $more $funcs (i32.const 0) (i32.const 0) (i32.const 1))
            (drop (table.grow $funcs (ref.null func) (i32.const 1)))
            (drop (table.size $things))
            (table.fill $funcs (i32.const 0) (ref.func $a) (i32.const 1))
            (table.set $things (i32.const 0) (global.get $ext))
            (global.set $ext (table.get $things (i32.const 0)))
            (drop (select (result funcref) (ref.null func) (ref.func $b) (local.get 0)))
            (drop (select (result externref) (ref.null extern) (ref.null extern) (i32.const 1)))))
        """;

    public const string Declarations = """
        (module
          (type $binary (func (param i32 i64) (result f64)))
          (import "env" "log" (func $log (param i32)))
          (import "env" "table" (table 2 10 externref))
          (import "env" "memory" (memory 1 3))
          (import "env" "base" (global $base i32))
          (func $combine (type $binary) f64.const 1.5)
          (func $init)
          (table $funcs 4 funcref)
          (global $copy i32 (global.get $base))
          (global $self funcref (ref.func $init))
          (export "combine" (func $combine))
          (export "mem" (memory 0))
          (elem (table $funcs) (offset (global.get $base)) funcref (ref.func $init) (ref.null func))
          (elem declare func $log)
          (data (i32.const 0) "\00\01")
          (data "passive")
          (start $init))
        """;

    public static IReadOnlyList<string> All { get; } = [Numeric, ControlAndMemory, BulkAndReferences, Declarations];
}
