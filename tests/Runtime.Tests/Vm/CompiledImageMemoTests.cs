using Hyperlight.Images;
using Hyperlight.Vm.Loading;

namespace Hyperlight.Tests.Vm;

public sealed class CompiledImageMemoTests
{
    // (module (func (export "f") (result i32) i32.const N))
    private static byte[] ModuleReturning(byte constant) =>
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
        0x03, 0x02, 0x01, 0x00,
        0x07, 0x05, 0x01, 0x01, (byte)'f', 0x00, 0x00,
        0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, constant, 0x0b,
    ];

    [Fact]
    public void Equal_module_bytes_share_one_compiled_image()
    {
        GuestImage first = CompiledImageMemo.GetOrCompile(ModuleReturning(7));
        GuestImage second = CompiledImageMemo.GetOrCompile(ModuleReturning(7));

        Assert.Same(first, second);
    }

    [Fact]
    public void Different_modules_are_compiled_separately()
    {
        GuestImage seven = CompiledImageMemo.GetOrCompile(ModuleReturning(7));
        GuestImage nine = CompiledImageMemo.GetOrCompile(ModuleReturning(9));

        Assert.NotSame(seven, nine);
        Assert.NotEqual(seven.Code, nine.Code);
    }

    [Fact]
    public void A_module_that_does_not_compile_is_not_remembered()
    {
        byte[] broken = ModuleReturning(7)[..^1];

        Assert.Throws<Hyperlight.Wasm.WasmCompileException>(() => CompiledImageMemo.GetOrCompile(broken));
        Assert.Throws<Hyperlight.Wasm.WasmCompileException>(() => CompiledImageMemo.GetOrCompile(broken));
    }
}
