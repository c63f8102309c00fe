using Hyperlight.Wasm.Validation;

namespace Hyperlight.Wasm.Tests.Binary;

/// <summary>Assertions for inputs that must be refused.</summary>
internal static class Reject
{
    /// <summary>Decoding plus validation must fail with a <see cref="WasmCompileException"/> whose message contains every fragment.</summary>
    public static WasmCompileException Module(byte[] bytes, params string[] messageFragments)
    {
        var error = Assert.Throws<WasmCompileException>(() => WasmModuleReader.ReadAndValidate(bytes));
        foreach (string fragment in messageFragments)
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.InRange(error.ByteOffset, 0, bytes.Length);
        return error;
    }

    public static WasmCompileException Text(string wat, params string[] messageFragments) => Module(Wat.ToWasm(wat), messageFragments);
}
