using Hyperlight.Images;
using Hyperlight.Wasm;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Linking;

/// <summary>
/// The link checks that depend on how far earlier start functions grew a memory or table
/// (<see cref="GuestSizeCheck"/>), run before each module is instantiated. Wasmtime matches the size
/// reached too, but its refusal is an instantiation error in its own words; checking first makes the
/// failure the same <see cref="WasmLinkException"/> as on the micro-VM engines.
/// </summary>
internal static class ImportSizeChecks
{
    public static void Run(IReadOnlyList<GuestSizeCheck> checks, string importer, Linker linker, Store store)
    {
        foreach (GuestSizeCheck check in checks)
        {
            if (check.Importer == importer)
                WasmLinker.CheckSizeReached(check, SizeReached(check, linker, store));
        }
    }

    // The import resolved when WasmLinker made the check, so the linker defines it by now.
    private static ulong SizeReached(GuestSizeCheck check, Linker linker, Store store) => check.Kind == GuestSizeCheckKind.Memory
        ? (ulong)linker.GetMemory(store, check.ImportModule, check.ImportName)!.GetSize()
        : (ulong)linker.GetTable(store, check.ImportModule, check.ImportName)!.GetSize();
}
