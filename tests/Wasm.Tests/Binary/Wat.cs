namespace Hyperlight.Wasm.Tests.Binary;

/// <summary>Turns text-format modules into binaries with Wasmtime's WAT parser, which checks syntax but not types.</summary>
internal static class Wat
{
    public static byte[] ToWasm(string text) => global::Wasmtime.Module.ConvertText(text);
}
