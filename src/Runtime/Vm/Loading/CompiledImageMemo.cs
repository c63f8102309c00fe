using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hyperlight.Images;
using Hyperlight.Wasm;

namespace Hyperlight.Vm.Loading;

/// <summary>
/// Compiles each distinct module once per process: sandboxes built from the same bytes (a pool,
/// a server building one sandbox per request) share the compiled image instead of paying the
/// compiler every time. Keyed by the SHA-256 of the module; bounded so a process that sees many
/// different modules does not keep them all.
/// </summary>
internal static class CompiledImageMemo
{
    private const int Capacity = 64;

    private static readonly ConcurrentDictionary<string, GuestImage> Images = new(StringComparer.Ordinal);

    public static GuestImage GetOrCompile(ReadOnlyMemory<byte> module)
    {
        string key = Convert.ToHexString(SHA256.HashData(module.Span));
        if (Images.TryGetValue(key, out GuestImage? image))
            return image;
        image = WasmCompiler.Compile(module);
        if (Images.Count >= Capacity)
            Images.Clear();
        return Images.GetOrAdd(key, image);
    }
}
