(module
  ;; nested blocks with branches out of several levels
  (func (export "nested") (param i32) (result i32)
    (block $outer (result i32)
      (block $middle (result i32)
        (block $inner (result i32)
          (br_if $inner (i32.const 10) (i32.eq (local.get 0) (i32.const 0)))
          (br_if $middle (i32.const 20) (i32.eq (local.get 0) (i32.const 1)))
          (br_if $outer (i32.const 30) (i32.eq (local.get 0) (i32.const 2)))
          (i32.const 40))
        (i32.add (i32.const 100)))
      (i32.add (i32.const 1000))))

  ;; a counting loop with a back-edge
  (func (export "sum_to") (param i32) (result i64)
    (local $i i32) (local $acc i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.and (local.get 0) (i32.const 0xffff))))
        (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; if/else with results, and an if without else
  (func (export "choose") (param i32 i64 i64) (result i64)
    (if (result i64) (local.get 0) (then (local.get 1)) (else (local.get 2))))
  (func (export "if_no_else") (param i32) (result i32)
    (local $r i32)
    (local.set $r (i32.const 5))
    (if (i32.gt_s (local.get 0) (i32.const 3)) (then (local.set $r (i32.mul (local.get 0) (i32.const 2)))))
    (local.get $r))

  ;; br_table with many targets, each producing a different value
  (func (export "table") (param i32) (result i32)
    (block $d (block $c (block $b (block $a (block $z
      (br_table $z $a $b $c $a $z $b $b $c $d (local.get 0)))
      (return (i32.const 100)))
      (return (i32.const 101)))
      (return (i32.const 102)))
      (return (i32.const 103)))
    (i32.const 104))

  ;; br_table carrying a value
  (func (export "table_value") (param i32 i32) (result i32)
    (block $b (result i32)
      (block $a (result i32)
        (br_table $a $b $a (i32.mul (local.get 1) (i32.const 3)) (local.get 0)))
      (i32.add (i32.const 1)))
    (i32.add (i32.const 10)))

  ;; multi-value block, multi-value function result, block parameters
  (func $pair (param i32) (result i32 i64)
    (local.get 0) (i64.extend_i32_s (i32.mul (local.get 0) (i32.const -3))))
  (func (export "multi") (param i32) (result i64)
    (call $pair (local.get 0))
    (i64.add (i64.extend_i32_u)))
  (func (export "multi_result") (param i32 i64) (result i64 i32 f64)
    (local.get 1) (local.get 0) (f64.convert_i32_s (local.get 0)))
  (func (export "block_params") (param i32 i32) (result i32)
    (local.get 0) (local.get 1)
    (block (param i32 i32) (result i32)
      (i32.sub)))
  (func (export "loop_params") (param i32) (result i32)
    (i32.const 0) (local.get 0)
    (loop $l (param i32 i32) (result i32)
      ;; stack: acc n
      (local.set 0)
      (i32.add (local.get 0))
      (local.get 0) (i32.const 1) (i32.sub)
      (local.tee 0)
      (br_if $l (i32.gt_s (local.get 0) (i32.const 0)))
      (drop)))

  ;; early return from inside nested control, select, typed select
  (func (export "early") (param i32) (result i32)
    (block (loop
      (if (i32.eq (local.get 0) (i32.const 7)) (then (return (i32.const 77))))
      (br_if 1 (i32.le_s (local.get 0) (i32.const 0)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 3)))
      (br 0)))
    (local.get 0))
  (func (export "select_i64") (param i32 i64 i64) (result i64) (select (local.get 1) (local.get 2) (local.get 0)))
  (func (export "select_f64") (param i32 f64 f64) (result f64) (select (result f64) (local.get 1) (local.get 2) (local.get 0)))
  (func (export "unreachable_after_br") (param i32) (result i32)
    (block (result i32) (br 0 (local.get 0)) (unreachable)))
  (func (export "deep_expression") (param i32) (result i32)
    (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add
      (local.get 0) (i32.mul (local.get 0) (i32.const 2))) (i32.mul (local.get 0) (i32.const 3))) (i32.mul (local.get 0) (i32.const 4)))
      (i32.mul (local.get 0) (i32.const 5))) (i32.mul (local.get 0) (i32.const 6))) (i32.mul (local.get 0) (i32.const 7)))
      (i32.mul (local.get 0) (i32.const 8))) (i32.mul (local.get 0) (i32.const 9))) (i32.mul (local.get 0) (i32.const 10)))
      (i32.mul (local.get 0) (i32.const 11))) (i32.mul (local.get 0) (i32.const 12))) (i32.mul (local.get 0) (i32.const 13))))
  ;; many live values at once forces spilling
  (func (export "pressure") (param i64) (result i64)
    (i64.add (local.get 0) (i64.add (i64.mul (local.get 0) (i64.const 2)) (i64.add (i64.mul (local.get 0) (i64.const 3))
    (i64.add (i64.mul (local.get 0) (i64.const 4)) (i64.add (i64.mul (local.get 0) (i64.const 5)) (i64.add (i64.mul (local.get 0) (i64.const 6))
    (i64.add (i64.mul (local.get 0) (i64.const 7)) (i64.add (i64.mul (local.get 0) (i64.const 8)) (i64.add (i64.mul (local.get 0) (i64.const 9))
    (i64.add (i64.mul (local.get 0) (i64.const 10)) (i64.add (i64.mul (local.get 0) (i64.const 11)) (i64.add (i64.mul (local.get 0) (i64.const 12))
    (i64.div_s (local.get 0) (i64.or (local.get 0) (i64.const 1)))))))))))))))))
  (func (export "float_pressure") (param f64) (result f64)
    (f64.add (local.get 0) (f64.add (f64.mul (local.get 0) (f64.const 2)) (f64.add (f64.mul (local.get 0) (f64.const 3))
    (f64.add (f64.mul (local.get 0) (f64.const 4)) (f64.add (f64.mul (local.get 0) (f64.const 5)) (f64.add (f64.mul (local.get 0) (f64.const 6))
    (f64.add (f64.mul (local.get 0) (f64.const 7)) (f64.add (f64.mul (local.get 0) (f64.const 8)) (f64.add (f64.mul (local.get 0) (f64.const 9))
    (f64.add (f64.mul (local.get 0) (f64.const 10)) (f64.add (f64.mul (local.get 0) (f64.const 11)) (f64.add (f64.mul (local.get 0) (f64.const 12))
    (f64.add (f64.mul (local.get 0) (f64.const 13)) (f64.add (f64.mul (local.get 0) (f64.const 14)) (f64.add (f64.mul (local.get 0) (f64.const 15))
    (f64.add (f64.mul (local.get 0) (f64.const 16)) (f64.sqrt (local.get 0))))))))))))))))))))
)
