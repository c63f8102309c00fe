;; The HelloWorld guest, written by hand in the WebAssembly text format. It follows the canonical-ABI
;; subset Hyperlight uses (docs/abi.md): strings and bytes arrive as (ptr, len) in memory the host
;; allocated through cabi_realloc, and a string result is returned as a pointer to {ptr, len}.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (import "env" "now_ticks" (func $now_ticks (result i64)))

  ;; 0..15: the return area; 16..: constant text; 1024..: the heap.
  (memory (export "memory") 1)
  (data (i32.const 16) "Hello, ")
  (global $heap (mut i32) (i32.const 1024))

  ;; A bump allocator: hands out memory upward, growing the memory when needed. Everything is
  ;; freed at once after each call that returns data (cabi_post_*), since no call keeps memory.
  (func $cabi_realloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (block $fits
      (br_if $fits (i32.le_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536))))
      (br_if $fits (i32.ne (i32.const -1)
        (memory.grow (i32.sub (i32.div_u (i32.add (global.get $heap) (i32.const 65535)) (i32.const 65536)) (memory.size)))))
      unreachable)
    (local.get $p))

  (func $free_all (global.set $heap (i32.const 1024)))

  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))

  (func (export "average") (param f64 f64 f64) (result f64)
    (f64.div (f64.add (f64.add (local.get 0) (local.get 1)) (local.get 2)) (f64.const 3)))

  ;; "Hello, <name>!": logs the greeting through the host, then returns it.
  (func (export "greet") (param $name i32) (param $len i32) (result i32)
    (local $out i32) (local $total i32)
    (local.set $total (i32.add (local.get $len) (i32.const 8)))
    (local.set $out (call $cabi_realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $total)))
    (memory.copy (local.get $out) (i32.const 16) (i32.const 7))
    (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $name) (local.get $len))
    (i32.store8 (i32.add (local.get $out) (i32.sub (local.get $total) (i32.const 1))) (i32.const 33)) ;; '!'
    (call $log (local.get $out) (local.get $total))
    (i32.store (i32.const 0) (local.get $out))
    (i32.store (i32.const 4) (local.get $total))
    (i32.const 0))
  (func (export "cabi_post_greet") (param i32) (call $free_all))

  ;; 32-bit FNV-1a over the bytes.
  (func (export "checksum") (param $p i32) (param $len i32) (result i32)
    (local $hash i32) (local $end i32)
    (local.set $hash (i32.const 0x811C9DC5))
    (local.set $end (i32.add (local.get $p) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $hash (i32.mul (i32.xor (local.get $hash) (i32.load8_u (local.get $p))) (i32.const 0x01000193)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next)))
    (local.get $hash))
  (func (export "cabi_post_checksum") (param i32) (call $free_all))

  ;; Asks the host for the time twice around a busy loop of `rounds` iterations: a guest → host call
  ;; in the middle of a host → guest call.
  (func (export "time_loop") (param $rounds i32) (result i64)
    (local $start i64)
    (local.set $start (call $now_ticks))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $rounds)))
        (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
        (br $next)))
    (i64.sub (call $now_ticks) (local.get $start)))
)
