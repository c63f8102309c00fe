(module
  ;; Locals used in loops are pinned to registers for the whole function (PinnedLocals): these
  ;; functions keep such locals live across everything that must save, reload or copy them.
  (memory 1 4)
  (type $step (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $double $negate)
  (func $double (type $step) (i32.shl (local.get 0) (i32.const 1)))
  (func $negate (type $step) (i32.sub (i32.const 0) (local.get 0)))
  (func $clobber (param f64) (result f64) (f64.mul (local.get 0) (f64.const -3.5)))

  ;; one hot local of every type; the loop counter is a parameter, written in place
  (func (export "every_type") (param $n i32) (result i64)
    (local $a i32) (local $b i64) (local $c f32) (local $d f64) (local $f funcref)
    (local.set $n (i32.and (local.get $n) (i32.const 31)))
    (local.set $f (ref.func $double))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $a (i32.add (local.get $a) (local.get $n)))
      (local.set $b (i64.sub (local.get $b) (i64.extend_i32_u (local.get $a))))
      (local.set $c (f32.add (local.get $c) (f32.convert_i32_s (local.get $n))))
      (local.set $d (f64.mul (f64.add (local.get $d) (f64.const 0.5)) (f64.const 1.25)))
      (local.set $d (f64.sub (f64.const 100) (local.get $d)))
      (if (ref.is_null (local.get $f)) (then (local.set $a (i32.const -7))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (i64.add (i64.add (local.get $b) (i64.extend_i32_s (local.get $a)))
      (i64.add (i64.trunc_sat_f32_s (local.get $c)) (i64.trunc_sat_f64_s (local.get $d)))))

  ;; more hot locals than pinnable registers (5 integer, 8 float): the rest stay in frame slots
  (func (export "many_hot_locals") (param $n i32) (result f64)
    (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32) (local $i4 i32) (local $i5 i32)
    (local $f0 f64) (local $f1 f64) (local $f2 f64) (local $f3 f64) (local $f4 f64)
    (local $f5 f64) (local $f6 f64) (local $f7 f64) (local $f8 f64) (local $f9 f64)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i0) (i32.and (local.get $n) (i32.const 63))))
      (local.set $i1 (i32.add (local.get $i1) (local.get $i0)))
      (local.set $i2 (i32.xor (local.get $i2) (local.get $i1)))
      (local.set $i3 (i32.mul (local.get $i3) (i32.const 3)))
      (local.set $i3 (i32.add (local.get $i3) (local.get $i2)))
      (local.set $i4 (i32.or (local.get $i4) (local.get $i3)))
      (local.set $i5 (i32.sub (local.get $i5) (local.get $i4)))
      (local.set $f0 (f64.add (local.get $f0) (f64.convert_i32_u (local.get $i5))))
      (local.set $f1 (f64.sub (local.get $f0) (local.get $f1)))
      (local.set $f2 (f64.mul (local.get $f1) (f64.const 0.5)))
      (local.set $f3 (f64.add (local.get $f3) (local.get $f2)))
      (local.set $f4 (f64.min (local.get $f4) (local.get $f3)))
      (local.set $f5 (f64.max (local.get $f5) (local.get $f4)))
      (local.set $f6 (f64.add (local.get $f6) (local.get $f5)))
      (local.set $f7 (f64.div (local.get $f6) (f64.const 3)))
      (local.set $f8 (f64.sub (local.get $f8) (local.get $f7)))
      (local.set $f9 (f64.add (local.get $f9) (local.get $f8)))
      (local.set $i0 (i32.add (local.get $i0) (i32.const 1)))
      (br $next)))
    (f64.add (f64.add (local.get $f9) (f64.convert_i32_s (local.get $i5)))
      (f64.add (local.get $f0) (local.get $f4))))

  ;; written locals live across direct and indirect calls in the loop, and an argument read in place
  (func (export "across_calls") (param $n i32) (param $x f64) (result f64)
    (local $i i32) (local $acc i32) (local $sum f64)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.and (local.get $n) (i32.const 15))))
      (local.set $acc (i32.add (local.get $acc)
        (call_indirect (type $step) (local.get $i) (i32.and (local.get $i) (i32.const 1)))))
      (local.set $sum (f64.add (local.get $sum) (call $clobber (local.get $x))))
      (local.set $x (f64.add (local.get $x) (f64.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (f64.add (local.get $sum) (f64.convert_i32_s (local.get $acc))))

  ;; a read of a local still on the stack when the local is set, teed or updated in place, and an
  ;; update whose right operand reads the local
  (func (export "stale_reads") (param $x i32) (result i32)
    (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.const 3)))
      local.get $x
      local.get $x
      i32.const 7
      i32.add
      local.set $x
      local.get $x
      i32.mul
      local.set $x
      local.get $x
      (local.tee $x (i32.const 11))
      i32.sub
      local.get $x
      i32.add
      local.set $x
      (local.set $x (i32.sub (local.get $i) (local.get $x)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $x))

  ;; loop condition through a tee updated in place; br_if and select on pinned locals
  (func (export "tee_loop") (param $n i32) (result i32)
    (local $i i32) (local $odd i32) (local $even i32)
    (loop $next
      (if (i32.and (local.get $i) (i32.const 1))
        (then (local.set $odd (i32.add (local.get $odd) (local.get $i))))
        (else (local.set $even (i32.add (local.get $even) (local.get $i)))))
      (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                             (i32.and (local.get $n) (i32.const 127)))))
    (select (local.get $odd) (local.get $even) (i32.gt_u (local.get $odd) (local.get $even))))

  ;; br_table arms that each change pinned locals, then rejoin the loop
  (func (export "table_arms") (param $n i32) (result i64)
    (local $i i32) (local $a i64) (local $b i64)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.and (local.get $n) (i32.const 31))))
      (block $three (block $two (block $one
        (br_table $one $two $three (i32.rem_u (local.get $i) (i32.const 3))))
        (local.set $a (i64.add (local.get $a) (i64.const 5)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))
      (local.set $b (i64.mul (local.get $b) (i64.const 3)))
      (local.set $b (i64.add (local.get $b) (local.get $a))))
      (local.set $a (i64.rotl (local.get $a) (local.get $b)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i64.xor (local.get $a) (local.get $b)))

  ;; memory.grow, memory.size and bulk operations with pinned locals as operands and constants
  ;; that all need registers
  (func (export "grow_and_fill") (param $pages i32) (result i32)
    (local $i i32) (local $total i32) (local $size i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.and (local.get $pages) (i32.const 3))))
      (local.set $total (i32.add (local.get $total) (memory.grow (i32.const 1))))
      (local.set $size (i32.mul (memory.size) (i32.const 65536)))
      (memory.fill (i32.sub (local.get $size) (i32.const 8)) (local.get $i) (i32.const 8))
      (memory.copy (i32.const 16) (i32.const 0) (i32.const 8))
      (memory.fill (i32.const 0) (i32.const 170) (i32.const 4))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.add (local.get $total)
      (i32.add (i32.load (i32.sub (local.get $size) (i32.const 4))) (i32.load (i32.const 16)))))

  ;; five pinned integer locals, so one is in RDI, which bulk operations borrow: every local is
  ;; an operand of one of them, and all change between them
  (func (export "bulk_with_five_pinned") (param $n i32) (result i32)
    (local $i i32) (local $dst i32) (local $src i32) (local $len i32)
    (local.set $n (i32.and (local.get $n) (i32.const 0xff)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.and (local.get $n) (i32.const 15))))
      (local.set $dst (i32.add (i32.mul (local.get $i) (i32.const 32)) (i32.const 1024)))
      (local.set $src (i32.add (local.get $dst) (local.get $len)))
      (local.set $len (i32.add (i32.and (local.get $n) (i32.const 7)) (local.get $i)))
      (memory.fill (local.get $src) (local.get $i) (local.get $len))
      (memory.copy (local.get $dst) (local.get $src) (local.get $len))
      (memory.fill (local.get $len) (local.get $dst) (local.get $i))
      (memory.copy (local.get $i) (local.get $len) (local.get $n))
      (local.set $n (i32.xor (local.get $n) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.add (i32.add (local.get $i) (local.get $dst))
      (i32.add (i32.load (local.get $dst)) (i32.load offset=3 (local.get $len)))))

  ;; i32 values are zero-extended in registers: wrapping a pinned i64 whose upper half is set, and
  ;; dividing and shifting by pinned locals (fixed registers around them)
  (func (export "wrap_and_divide") (param $x i64) (result i32)
    (local $i i32) (local $wide i64) (local $q i32) (local $s i32)
    (local.set $wide (i64.or (i64.const 0x1_0000_0000) (i64.and (local.get $x) (i64.const 0xfff0))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.const 4)))
      (i32.store (i32.wrap_i64 (local.get $wide)) (local.get $i))
      (i32.store offset=8 (i32.wrap_i64 (i64.add (local.get $wide) (i64.const 0x1_0000_0000))) (local.get $q))
      (local.set $q (i32.add (local.get $q)
        (i32.div_u (i32.load (i32.wrap_i64 (local.get $wide))) (i32.add (local.get $i) (i32.const 1)))))
      (local.set $s (i32.add (local.get $s)
        (i32.shl (i32.wrap_i64 (local.get $x)) (local.get $i))))
      (local.set $q (i32.rem_s (local.get $q) (i32.add (local.get $s) (i32.const 1))))
      (local.set $wide (i64.add (local.get $wide) (i64.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.add (local.get $q) (local.get $s)))

  ;; several results returned from pinned locals, consumed by a caller with pinned locals
  (func $pair (param $n i32) (result i32 f64)
    (local $i i32) (local $f f64)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $f (f64.add (local.get $f) (f64.const 0.25)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $i) (local.get $f))
  (func (export "multi_results") (param $n i32) (result f64)
    (local $k i32) (local $acc f64)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $k) (i32.and (local.get $n) (i32.const 7))))
      (call $pair (local.get $k))
      (local.set $acc (f64.add (local.get $acc)))
      (local.set $acc (f64.add (f64.convert_i32_u) (local.get $acc)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $next)))
    (local.get $acc))

  ;; only slots that may be read before they are written start at zero: a pinned local the body
  ;; never writes is reloaded from its slot after each call, so that slot must hold 0 although an
  ;; earlier callee at the same depth ($dirty) left other values there
  (func $dirty (local i64 i64 i64 i64 i64 i64 i64 i64)
    (local.set 0 (i64.const -1)) (local.set 1 (i64.const -1)) (local.set 2 (i64.const -1)) (local.set 3 (i64.const -1))
    (local.set 4 (i64.const -1)) (local.set 5 (i64.const -1)) (local.set 6 (i64.const -1)) (local.set 7 (i64.const -1)))
  (func $read_only_local (param $n i32) (result i32)
    (local $zero i32) (local $sum i32) (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.and (local.get $n) (i32.const 15))))
      (local.set $sum (i32.add (local.get $sum) (call $double (local.get $i))))
      (local.set $sum (i32.add (local.get $sum) (i32.or (local.get $zero) (i32.and (local.get $zero) (local.get $zero)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $sum))
  (func (export "zeroed_slots_after_a_dirty_frame") (param $n i32) (result i32)
    (call $dirty)
    (call $read_only_local (local.get $n)))

  ;; a pinned local masked to its low byte or halfword is zero-extended from its register
  (func (export "mask_pinned") (param $x i32) (result i32)
    (local $i i32) (local $sum i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.const 3)))
      (local.set $sum (i32.add (local.get $sum)
        (i32.xor (i32.and (local.get $x) (i32.const 255)) (i32.and (local.get $x) (i32.const 0xffff)))))
      (local.set $x (i32.add (local.get $x) (i32.const 0x10101)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $sum))
)
