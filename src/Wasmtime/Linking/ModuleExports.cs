using Hyperlight.Wasmtime.Calls;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Linking;

/// <summary>A module's exports by name, and the checks for the exports that passing strings and bytes relies on.</summary>
internal sealed class ModuleExports
{
    private static readonly CoreSignature ReallocSignature = new(
        [ValueKind.Int32, ValueKind.Int32, ValueKind.Int32, ValueKind.Int32], [ValueKind.Int32]);

    private readonly IReadOnlyList<Export> _exports;
    private readonly Dictionary<string, Export> _byName;

    public ModuleExports(Module module)
    {
        _exports = module.Exports;
        _byName = _exports.ToDictionary(export => export.Name, StringComparer.Ordinal);
    }

    public Export? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Strings and bytes cross in the guest's linear memory, which must be exported as <c>memory</c>.</summary>
    public void RequireMemory(string purpose)
    {
        if (Find(GuestMemory.MemoryExport) is not MemoryExport)
            throw new GuestBindingException(
                $"{purpose} passes strings or bytes, which travel through the guest's linear memory, but the module does not export a memory named '{GuestMemory.MemoryExport}'. {Describe()}");
    }

    /// <summary>Data the host sends into the guest lands in memory the guest allocates with <c>cabi_realloc</c>.</summary>
    public void RequireRealloc(string purpose)
    {
        RequireMemory(purpose);
        Export? realloc = Find(GuestMemory.ReallocExport);
        if (realloc is FunctionExport function && new CoreSignature(function.Parameters, function.Results).Equals(ReallocSignature))
            return;
        string found = realloc is null ? "does not export it" : $"exports {ModuleDescription.Describe(realloc)}";
        throw new GuestBindingException(
            $"{purpose} sends strings or bytes into the guest, which needs the allocator export '{GuestMemory.ReallocExport}' {ReallocSignature} (canonical ABI: old_ptr, old_size, align, new_size -> ptr); the module {found}. {Describe()}");
    }

    public string Describe() => ModuleDescription.Exports(_exports);
}
