using System.Runtime.InteropServices;
using System.Text;

namespace Hyperlight.Wasmtime.Interop;

/// <summary>
/// WebAssembly text → binary, with the parser built into the libwasmtime.so that the Wasmtime
/// package ships (C API <c>wasmtime_wat2wasm</c>), so no separate tool is needed.
/// </summary>
internal static unsafe partial class WatConverter
{
    private const string Library = "wasmtime";

    public static byte[] ToBinary(string wat)
    {
        ArgumentNullException.ThrowIfNull(wat);
        byte[] text = Encoding.UTF8.GetBytes(wat);
        ByteVector result = default;
        nint error;
        fixed (byte* textPointer = text)
            error = wasmtime_wat2wasm(textPointer, (nuint)text.Length, &result);
        if (error != 0)
            throw new SandboxConfigurationException($"The WebAssembly text does not parse:{Environment.NewLine}{TakeErrorMessage(error)}");
        try
        {
            return new ReadOnlySpan<byte>(result.Data, checked((int)result.Size)).ToArray();
        }
        finally
        {
            wasm_byte_vec_delete(&result);
        }
    }

    private static string TakeErrorMessage(nint error)
    {
        ByteVector message = default;
        try
        {
            wasmtime_error_message(error, &message);
            // Kept as is: the parser's message draws a caret under the offending token across lines.
            return Encoding.UTF8.GetString(message.Data, checked((int)message.Size));
        }
        finally
        {
            wasm_byte_vec_delete(&message);
            wasmtime_error_delete(error);
        }
    }

    /// <summary>The C API's <c>wasm_byte_vec_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ByteVector
    {
        public nuint Size;
        public byte* Data;
    }

    [LibraryImport(Library)]
    private static partial nint wasmtime_wat2wasm(byte* wat, nuint watLength, ByteVector* result);

    [LibraryImport(Library)]
    private static partial void wasmtime_error_message(nint error, ByteVector* message);

    [LibraryImport(Library)]
    private static partial void wasmtime_error_delete(nint error);

    [LibraryImport(Library)]
    private static partial void wasm_byte_vec_delete(ByteVector* vector);
}
