namespace Hyperlight.Tests.Shared;

/// <summary>
/// The two modules of the re-export tests, shared by the compiler's tests (in-process harness)
/// and the runtime's cross-engine tests so both exercise the same guest.
/// </summary>
internal static class ReexportGuests
{
    /// <summary>One page; allocates from 1024 up; "upper" upper-cases its argument in place and returns it.</summary>
    public const string Library = """
        (module
          (memory (export "memory") 1)
          (global $heap (mut i32) (i32.const 1024))
          (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
            (global.get $heap)
            (global.set $heap (i32.add (global.get $heap) (local.get 3))))
          (func (export "upper") (param $text i32) (param $length i32) (result i32)
            (local $i i32)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $length)))
                (i32.store8 (i32.add (local.get $text) (local.get $i))
                  (i32.sub (i32.load8_u (i32.add (local.get $text) (local.get $i))) (i32.const 32)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (i32.store (i32.const 16) (local.get $text))
            (i32.store (i32.const 20) (local.get $length))
            (i32.const 16))
          ;; a return area inside the main module's three pages but past this one page
          (func (export "far_area") (param i32 i32) (result i32) (i32.const 70000)))
        """;

    /// <summary>
    /// Three pages; allocates from 4096 up; re-exports the library's "upper" and "far_area" beside an
    /// "echo" of its own, so a call can be told to stage in either module's memory.
    /// </summary>
    public const string Main = """
        (module
          (import "lib" "upper" (func $upper (param i32 i32) (result i32)))
          (import "lib" "far_area" (func $far_area (param i32 i32) (result i32)))
          (memory (export "memory") 3)
          (global $heap (mut i32) (i32.const 4096))
          (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
            (global.get $heap)
            (global.set $heap (i32.add (global.get $heap) (local.get 3))))
          (export "upper" (func $upper))
          (export "far_area" (func $far_area))
          (func (export "echo") (param i32 i32) (result i32)
            (i32.store (i32.const 16) (local.get 0))
            (i32.store (i32.const 20) (local.get 1))
            (i32.const 16)))
        """;
}
