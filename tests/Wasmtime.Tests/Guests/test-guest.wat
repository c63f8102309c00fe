;; The guest behind the Wasmtime engine's end-to-end tests. Canonical-ABI subset (docs/abi.md):
;; strings and bytes are (ptr, len); string/bytes results return a pointer to {ptr, len};
;; host string/bytes results arrive through a trailing retptr; memory comes from cabi_realloc.
(module
  ;; ---- host functions, one per value type ---------------------------------------------------
  (import "env" "host_bool" (func $host_bool (param i32) (result i32)))
  (import "env" "host_sbyte" (func $host_sbyte (param i32) (result i32)))
  (import "env" "host_byte" (func $host_byte (param i32) (result i32)))
  (import "env" "host_short" (func $host_short (param i32) (result i32)))
  (import "env" "host_ushort" (func $host_ushort (param i32) (result i32)))
  (import "env" "host_int" (func $host_int (param i32) (result i32)))
  (import "env" "host_uint" (func $host_uint (param i32) (result i32)))
  (import "env" "host_long" (func $host_long (param i64) (result i64)))
  (import "env" "host_ulong" (func $host_ulong (param i64) (result i64)))
  (import "env" "host_float" (func $host_float (param f32) (result f32)))
  (import "env" "host_double" (func $host_double (param f64) (result f64)))
  (import "env" "host_color" (func $host_color (param i32) (result i32)))
  (import "env" "host_upper" (func $host_upper (param i32 i32 i32)))
  (import "env" "host_reverse" (func $host_reverse (param i32 i32 i32)))
  (import "env" "log" (func $log (param i32 i32)))
  (import "env" "square" (func $square (param i32) (result i64)))
  (import "env" "fail" (func $fail (param i32)))

  ;; 0..31: return areas; 32..: constant data; 4096..: the bump heap.
  (memory (export "memory") 1)
  (data (i32.const 32) "\c3\28")            ;; invalid UTF-8 (a lead byte followed by '(')
  (global $heap (mut i32) (i32.const 4096))
  (global $posts (mut i32) (i32.const 0))

  ;; ---- allocator: a bump allocator that grows memory on demand; freed wholesale by post-return
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

  (func $free_all
    (global.set $heap (i32.const 4096))
    (global.set $posts (i32.add (global.get $posts) (i32.const 1))))

  (func $return_area (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 8) (local.get $ptr))
    (i32.store (i32.const 12) (local.get $len))
    (i32.const 8))

  ;; ---- scalars, guest side -----------------------------------------------------------------
  (func (export "echo_i32") (param i32) (result i32) (local.get 0))
  (func (export "inc_i32") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "not") (param i32) (result i32) (i32.eqz (local.get 0)))
  (func (export "echo_i64") (param i64) (result i64) (local.get 0))
  (func (export "echo_f32") (param f32) (result f32) (local.get 0))
  (func (export "echo_f64") (param f64) (result f64) (local.get 0))
  (func (export "mix") (param i32 i64 f32 f64) (result f64)
    (f64.add (f64.add (f64.convert_i32_s (local.get 0)) (f64.convert_i64_s (local.get 1)))
             (f64.add (f64.promote_f32 (local.get 2)) (local.get 3))))
  (func (export "nothing"))

  ;; ---- strings and bytes, guest side -------------------------------------------------------
  (func $echo (param $ptr i32) (param $len i32) (result i32)
    (call $return_area (local.get $ptr) (local.get $len)))
  (export "echo_string" (func $echo))
  (export "echo_bytes" (func $echo))
  (func (export "cabi_post_echo_string") (param i32) (call $free_all))
  (func (export "cabi_post_echo_bytes") (param i32) (call $free_all))
  (func (export "length") (param i32 i32) (result i32) (local.get 1))
  (func (export "total_length") (param i32 i32 i32 i32 i32 i32) (result i32)
    (i32.add (i32.add (local.get 1) (local.get 3)) (local.get 5)))
  (func (export "post_count") (result i32) (global.get $posts))

  ;; ---- calls into the host -----------------------------------------------------------------
  (func (export "via_bool") (param i32) (result i32) (call $host_bool (local.get 0)))
  (func (export "via_sbyte") (param i32) (result i32) (call $host_sbyte (local.get 0)))
  (func (export "via_byte") (param i32) (result i32) (call $host_byte (local.get 0)))
  (func (export "via_short") (param i32) (result i32) (call $host_short (local.get 0)))
  (func (export "via_ushort") (param i32) (result i32) (call $host_ushort (local.get 0)))
  (func (export "via_int") (param i32) (result i32) (call $host_int (local.get 0)))
  (func (export "via_uint") (param i32) (result i32) (call $host_uint (local.get 0)))
  (func (export "via_long") (param i64) (result i64) (call $host_long (local.get 0)))
  (func (export "via_ulong") (param i64) (result i64) (call $host_ulong (local.get 0)))
  (func (export "via_float") (param f32) (result f32) (call $host_float (local.get 0)))
  (func (export "via_double") (param f64) (result f64) (call $host_double (local.get 0)))
  (func (export "via_color") (param i32) (result i32) (call $host_color (local.get 0)))
  (func (export "via_upper") (param i32 i32) (result i32)
    (call $host_upper (local.get 0) (local.get 1) (i32.const 16))
    (i32.const 16))
  (func (export "via_reverse") (param i32 i32) (result i32)
    (call $host_reverse (local.get 0) (local.get 1) (i32.const 16))
    (i32.const 16))
  (func (export "log_message") (param i32 i32) (call $log (local.get 0) (local.get 1)))
  (func (export "sum_squares") (param $n i32) (result i64)
    (local $i i32) (local $sum i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $sum (i64.add (local.get $sum) (call $square (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))
  (func (export "call_fail") (param i32) (call $fail (local.get 0)))

  ;; ---- traps and runaway guests ------------------------------------------------------------
  (func $trap_unreachable (export "trap_unreachable") unreachable)
  (func (export "divide") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func $recurse (export "recurse") (param i32) (result i32) (call $recurse (i32.add (local.get 0) (i32.const 1))))
  (func (export "spin") (loop $forever (br $forever)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))

  ;; ---- a guest that breaks the protocol ----------------------------------------------------
  (func (export "bad_pointer") (result i32) (call $return_area (i32.const 0xFFFFFF00) (i32.const 1024)))
  (func (export "bad_length") (result i32) (call $return_area (i32.const 64) (i32.const 0x7FFFFFFF)))
  (func (export "bad_area") (result i32) (i32.const 0xFFFFFFFC))
  (func (export "bad_utf8") (result i32) (call $return_area (i32.const 32) (i32.const 2)))
  (func (export "huge_result") (result i32) (call $return_area (i32.const 0) (i32.const 65536)))
  (func (export "log_bad_utf8") (call $log (i32.const 32) (i32.const 2)))
  (func (export "log_out_of_bounds") (call $log (i32.const 0xFFFF0000) (i32.const 16)))
)
