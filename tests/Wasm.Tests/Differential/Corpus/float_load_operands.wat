(module
  ;; A float load that is the right operand of add/sub/mul/div becomes the operator's memory
  ;; operand; the left operand comes from a register, a constant, a pinned local or a frame slot.
  (memory 1)
  (func (export "f64_operators") (param $a f64) (param $b f64) (result f64)
    (local $i i32) (local $acc f64)
    (f64.store (i32.const 8) (local.get $b))
    (f64.store (i32.const 16) (local.get $a))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.const 3)))
      (local.set $acc (f64.add (local.get $acc) (f64.load (i32.const 8))))
      (local.set $acc (f64.mul (local.get $acc) (f64.load offset=8 (i32.const 8))))
      (local.set $acc (f64.sub (f64.const 0.75) (f64.load (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $acc (f64.div (f64.add (local.get $acc) (local.get $a)) (f64.load (i32.const 16))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (f64.add (local.get $acc) (f64.mul (local.get $a) (f64.load (i32.const 8)))))

  (func (export "f32_operators") (param $a f32) (param $b f32) (result f32)
    (f32.store (i32.const 4) (local.get $b))
    (f32.store (i32.const 12) (local.get $a))
    (f32.div
      (f32.sub (f32.mul (local.get $a) (f32.load (i32.const 4))) (f32.load offset=8 (i32.const 4)))
      (f32.add (f32.const -2.5) (f32.load (i32.const 4)))))

  ;; the load still traps out of bounds before the operator
  (func (export "folded_load_out_of_bounds") (param $address i32) (result f64)
    (f64.mul (f64.const 2) (f64.load (local.get $address))))
)
