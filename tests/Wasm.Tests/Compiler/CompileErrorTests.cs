using Hyperlight.Images;

namespace Hyperlight.Wasm.Tests.Compiler;

/// <summary>What the compiler refuses, and the shape of the images it produces.</summary>
public sealed class CompileErrorTests
{
    private static byte[] Wasm(string wat) => global::Wasmtime.Module.ConvertText(wat);

    [Fact]
    public void Simd_is_rejected_with_an_offset()
    {
        var error = Assert.Throws<WasmCompileException>(() => WasmCompiler.Compile(Wasm("""(module (func (drop (v128.const i64x2 0 0))))""")));

        Assert.True(error.ByteOffset > 8);
    }

    [Fact]
    public void Garbage_is_a_compile_error_not_a_crash()
    {
        Assert.Throws<WasmCompileException>(() => WasmCompiler.Compile(new byte[] { 0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x0a, 0xff }));
    }

    [Fact]
    public void Modules_over_the_size_limit_are_refused_before_decoding()
    {
        var error = Assert.Throws<WasmCompileException>(() => WasmCompiler.Compile(new byte[100], new WasmCompilerOptions { MaxModuleBytes = 50 }));

        Assert.Contains("MaxModuleBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_lists_exports_with_core_signatures_and_its_imports()
    {
        GuestImage image = WasmCompiler.Compile(Wasm("""
            (module
              (import "env" "log" (func (param i32 i32)))
              (memory 2 5)
              (data (i32.const 0) "x")
              (func (export "add") (param i32 i64) (result f64) (f64.const 0))
              (func (export "takes_ref") (param funcref))
              (func (export "second")))
            """));

        Assert.Equal(["add", "takes_ref", "second"], image.Exports.Select(e => e.Name));
        Assert.Equal([0u, 1u, 2u], image.Exports.Select(e => e.Index));
        Assert.Equal([CoreValueType.FuncRef], image.Exports[1].Parameters);
        Assert.Equal([CoreValueType.I32, CoreValueType.I64], image.Exports[0].Parameters);
        Assert.Equal([CoreValueType.F64], image.Exports[0].Results);
        Assert.Equal(("env", "log", 0u), (image.Imports[0].Module, image.Imports[0].Name, image.Imports[0].Index));
        Assert.Equal((2u, 5u), (image.MemoryMinimumPages, image.MemoryMaximumPages));
        Assert.True(image.NeedsInitialization);
        Assert.InRange(image.EntryOffset, 0, image.Code.Length - 1);
    }
}
