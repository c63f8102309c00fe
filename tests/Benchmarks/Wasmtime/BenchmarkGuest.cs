namespace Hyperlight.Benchmarks.Wasmtime;

/// <summary>The module both sides of the Wasmtime benchmarks run: add, and an echo of string data.</summary>
internal static class BenchmarkGuest
{
    public const string Text = """
        (module
          (memory (export "memory") 1)
          (global $heap (mut i32) (i32.const 1024))
          (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
            (local $p i32)
            (local.set $p (global.get $heap))
            (global.set $heap (i32.add (local.get $p) (local.get 3)))
            (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536))) (then unreachable))
            (local.get $p))
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "echo") (param i32 i32) (result i32)
            (i32.store (i32.const 0) (local.get 0))
            (i32.store (i32.const 4) (local.get 1))
            (i32.const 0))
          (func (export "cabi_post_echo") (param i32) (global.set $heap (i32.const 1024))))
        """;
}

/// <summary>The guest's exports, through the generated proxy.</summary>
public partial interface IBenchmarkGuest
{
    [GuestFunction("add")] int Add(int a, int b);
    [GuestFunction("echo")] string Echo(string text);
}
