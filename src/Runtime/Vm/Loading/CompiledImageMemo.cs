using System.Collections.Concurrent;
using Hyperlight.Engines;
using Hyperlight.Images;
using Hyperlight.Wasm;
using Hyperlight.Wasm.Caching;

namespace Hyperlight.Vm.Loading;

/// <summary>
/// Compiles each distinct link (modules plus host definitions) once per process: sandboxes built
/// from the same inputs (a pool, a server building one sandbox per request) share the compiled image
/// instead of paying the compiler every time. Keyed by the unit's <see cref="CompileKey"/>; bounded
/// so a process that sees many different modules does not keep them all. It sits in front of the
/// on-disk cache: the disk is read (or written) only on the first build of a unit in the process.
/// </summary>
internal static class CompiledImageMemo
{
    private const int Capacity = 64;

    private static readonly ConcurrentDictionary<CompileKey, GuestImage> Images = new();

    public static GuestImage GetOrCompile(ReadOnlyMemory<byte> module) => GetOrCompile(WasmLinkUnit.Single(module), disk: null);

    /// <summary>The image of the sandbox's modules and host definitions, from the disk cache its options name (if any) on a miss here.</summary>
    public static GuestImage GetOrCompile(SandboxSetup setup) =>
        GetOrCompile(new WasmLinkUnit(setup.ModulesToLink(), HostExterns.From(setup.HostDefinitions)), setup.Options.CompiledImageCache);

    private static GuestImage GetOrCompile(WasmLinkUnit unit, CompiledImageCache? disk)
    {
        if (Images.TryGetValue(unit.Key, out GuestImage? image))
            return image;
        image = disk is null ? unit.Link() : disk.GetOrCompile(unit);
        if (Images.Count >= Capacity)
            Images.Clear();
        return Images.GetOrAdd(unit.Key, image);
    }
}
