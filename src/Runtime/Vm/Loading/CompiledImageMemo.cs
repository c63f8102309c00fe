using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Hyperlight.Engines;
using Hyperlight.Images;
using Hyperlight.Wasm;

namespace Hyperlight.Vm.Loading;

/// <summary>
/// Compiles each distinct link (modules plus host definitions) once per process: sandboxes built
/// from the same inputs (a pool, a server building one sandbox per request) share the compiled image
/// instead of paying the compiler every time. Keyed by a SHA-256 over every input; bounded so a
/// process that sees many different modules does not keep them all.
/// </summary>
internal static class CompiledImageMemo
{
    private const int Capacity = 64;

    private static readonly ConcurrentDictionary<string, GuestImage> Images = new(StringComparer.Ordinal);

    public static GuestImage GetOrCompile(ReadOnlyMemory<byte> module) => GetOrCompile([new NamedWasmModule("main", module)], []);

    public static GuestImage GetOrCompile(SandboxSetup setup) =>
        GetOrCompile(
            [.. setup.LinkedModules.Select(m => new NamedWasmModule(m.Name, m.Bytes)), new NamedWasmModule("main", setup.Module)],
            HostExterns.From(setup.HostDefinitions));

    private static GuestImage GetOrCompile(IReadOnlyList<NamedWasmModule> modules, IReadOnlyList<WasmHostExtern> hostExterns)
    {
        string key = KeyOf(modules, hostExterns);
        if (Images.TryGetValue(key, out GuestImage? image))
            return image;
        image = WasmCompiler.Link(modules, hostExterns);
        if (Images.Count >= Capacity)
            Images.Clear();
        return Images.GetOrAdd(key, image);
    }

    private static string KeyOf(IReadOnlyList<NamedWasmModule> modules, IReadOnlyList<WasmHostExtern> hostExterns)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (NamedWasmModule module in modules)
        {
            AppendText(hash, module.Name);
            BitConverter.TryWriteBytes(length, (long)module.Bytes.Length);
            hash.AppendData(length);
            hash.AppendData(module.Bytes.Span);
        }
        // Records print every field, nested types included, so equal definitions give equal text.
        foreach (WasmHostExtern definition in hostExterns)
            AppendText(hash, definition.ToString());
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void AppendText(IncrementalHash hash, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }
}
