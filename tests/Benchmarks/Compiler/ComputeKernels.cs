namespace Hyperlight.Benchmarks.Compiler;

/// <summary>
/// The compute kernels both engines run: recursive fib, a byte sieve of Eratosthenes, an f64
/// matrix multiply and a bitwise CRC-32 over 1 MiB of linear memory.
/// </summary>
internal static class ComputeKernels
{
    public const int FibArgument = 25;
    public const int SieveLimit = 1_000_000;
    public const int MatrixSize = 64;
    public const int CrcBytes = 1 << 20;

    public const string Text = """
        (module
          (memory 17)
          (func $fib (export "fib") (param i32) (result i32)
            (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
              (then (local.get 0))
              (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                             (call $fib (i32.sub (local.get 0) (i32.const 2)))))))

          ;; primes below n, with one byte per candidate at [0, n)
          (func (export "sieve") (param $n i32) (result i32)
            (local $i i32) (local $j i32) (local $count i32)
            (memory.fill (i32.const 0) (i32.const 1) (local.get $n))
            (local.set $i (i32.const 2))
            (block $done (loop $outer
              (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
              (if (i32.load8_u (local.get $i)) (then
                (local.set $count (i32.add (local.get $count) (i32.const 1)))
                (local.set $j (i32.mul (local.get $i) (local.get $i)))
                (block $marked (loop $inner
                  (br_if $marked (i32.ge_u (local.get $j) (local.get $n)))
                  (i32.store8 (local.get $j) (i32.const 0))
                  (local.set $j (i32.add (local.get $j) (local.get $i)))
                  (br $inner)))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $outer)))
            (local.get $count))

          ;; C = A × B for n×n f64 matrices at 0, n²·8 and 2n²·8; returns the trace of C
          (func (export "matmul") (param $n i32) (result f64)
            (local $i i32) (local $j i32) (local $k i32) (local $size i32) (local $sum f64) (local $trace f64)
            (local.set $size (i32.mul (i32.mul (local.get $n) (local.get $n)) (i32.const 8)))
            (block $filled (loop $fill
              (br_if $filled (i32.ge_u (local.get $i) (i32.mul (local.get $n) (local.get $n))))
              (f64.store (i32.shl (local.get $i) (i32.const 3)) (f64.convert_i32_u (i32.rem_u (local.get $i) (i32.const 7))))
              (f64.store (i32.add (local.get $size) (i32.shl (local.get $i) (i32.const 3))) (f64.convert_i32_u (i32.rem_u (local.get $i) (i32.const 5))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $fill)))
            (local.set $i (i32.const 0))
            (block $rows_done (loop $rows
              (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
              (local.set $j (i32.const 0))
              (block $cols_done (loop $cols
                (br_if $cols_done (i32.ge_u (local.get $j) (local.get $n)))
                (local.set $sum (f64.const 0))
                (local.set $k (i32.const 0))
                (block $dot_done (loop $dot
                  (br_if $dot_done (i32.ge_u (local.get $k) (local.get $n)))
                  (local.set $sum (f64.add (local.get $sum)
                    (f64.mul
                      (f64.load (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $k)) (i32.const 3)))
                      (f64.load (i32.add (local.get $size) (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $j)) (i32.const 3)))))))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br $dot)))
                (f64.store (i32.add (i32.shl (local.get $size) (i32.const 1)) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3))) (local.get $sum))
                (if (i32.eq (local.get $i) (local.get $j)) (then (local.set $trace (f64.add (local.get $trace) (local.get $sum)))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $cols)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $rows)))
            (local.get $trace))

          ;; bitwise CRC-32 (reflected, polynomial 0xEDB88320) of [0, len)
          (func (export "crc32") (param $len i32) (result i32)
            (local $i i32) (local $crc i32) (local $bit i32)
            (local.set $crc (i32.const -1))
            (block $done (loop $bytes
              (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
              (local.set $crc (i32.xor (local.get $crc) (i32.load8_u (local.get $i))))
              (local.set $bit (i32.const 8))
              (loop $bits
                (local.set $crc (i32.xor (i32.shr_u (local.get $crc) (i32.const 1))
                  (i32.and (i32.const 0xEDB88320) (i32.sub (i32.const 0) (i32.and (local.get $crc) (i32.const 1))))))
                (local.set $bit (i32.sub (local.get $bit) (i32.const 1)))
                (br_if $bits (local.get $bit)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $bytes)))
            (i32.xor (local.get $crc) (i32.const -1))))
        """;
}
