using System.Text;
using BenchmarkDotNet.Attributes;
using Hyperlight.Wasm;
using Wasmtime;

namespace Hyperlight.Benchmarks.Compiler;

/// <summary>
/// Compile throughput on a synthetic module (many mid-sized functions of mixed arithmetic, memory
/// and control flow): our single-pass compiler against Wasmtime's Cranelift (baseline). Throughput
/// in MB/s is the code-section size printed at setup divided by the mean time; the compiled image
/// size printed with it is the code-size figure.
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private const int Functions = 400;

    private byte[] _wasm = null!;
    private Engine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _wasm = Module.ConvertText(SyntheticModule());
        _engine = new Engine();
        int codeSection = Hyperlight.Wasm.Binary.WasmParser.Parse(_wasm).CodeSectionSize;
        int image = WasmCompiler.Compile(_wasm).Code.Length;
        Console.WriteLine($"// module {_wasm.Length} bytes, code section {codeSection} bytes, compiled image {image} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(Baseline = true)]
    public object Wasmtime_Cranelift()
    {
        using var module = Module.FromBytes(_engine, "synthetic", _wasm);
        return module.Name;
    }

    [Benchmark]
    public object Hyperlight_SinglePass() => WasmCompiler.Compile(_wasm);

    internal static string SyntheticModule()
    {
        var text = new StringBuilder("(module (memory 1)\n");
        for (int i = 0; i < Functions; i++)
        {
            text.Append($$"""
                (func (export "f{{i}}") (param $a i32) (param $b i64) (param $x f64) (result i64)
                  (local $i i32) (local $acc i64)
                  (block $done (loop $next
                    (br_if $done (i32.ge_u (local.get $i) (i32.and (local.get $a) (i32.const 255))))
                    (local.set $acc (i64.add (local.get $acc)
                      (i64.mul (i64.extend_i32_u (i32.load offset={{i % 64}} (i32.and (local.get $i) (i32.const 0xfff0))))
                               (i64.xor (local.get $b) (i64.const {{i * 7919}})))))
                    (if (f64.gt (local.get $x) (f64.convert_i32_s (local.get $i)))
                      (then (local.set $x (f64.mul (local.get $x) (f64.const 0.5))))
                      (else (i32.store (local.get $i) (i32.trunc_sat_f64_s (local.get $x)))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $next)))
                  (i64.add (local.get $acc) (i64.trunc_sat_f64_s (local.get $x))))

                """);
        }
        return text.Append(')').ToString();
    }
}
