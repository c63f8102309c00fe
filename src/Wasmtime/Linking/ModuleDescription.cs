using Hyperlight.Wasmtime.Calls;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Linking;

/// <summary>Readable listings of a module's exports and of the host functions offered, for binding errors.</summary>
internal static class ModuleDescription
{
    public static string Exports(IEnumerable<Export> exports)
    {
        string[] lines = [.. exports.Select(Describe)];
        return lines.Length == 0 ? "The module exports nothing." : $"The module exports: {string.Join("; ", lines)}.";
    }

    public static string Describe(Export export) => export switch
    {
        FunctionExport function => $"{export.Name} {new CoreSignature(function.Parameters, function.Results)}",
        MemoryExport => $"{export.Name} (memory)",
        TableExport => $"{export.Name} (table)",
        GlobalExport => $"{export.Name} (global)",
        _ => $"{export.Name} ({export.GetType().Name})",
    };

    public static string Kind(Import import) => import switch
    {
        MemoryImport => "a memory",
        TableImport => "a table",
        GlobalImport => "a global",
        _ => $"a {import.GetType().Name}",
    };

    public static string HostFunctions(IReadOnlyList<Hyperlight.Bindings.HostBinding> bindings)
    {
        string[] offered =
        [
            .. bindings.SelectMany(binding => binding.Descriptor.Functions.Select(function =>
                $"{binding.Descriptor.Module}.{function} [{binding.Descriptor.InterfaceName}.{function.MethodName}, core {CoreSignature.ForImport(function)}]")),
        ];
        return offered.Length == 0
            ? "No host functions are offered (add them with WithHostFunctions<T>(implementation))."
            : $"Host functions offered: {string.Join("; ", offered)}.";
    }
}
