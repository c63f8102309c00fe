using Hyperlight.Wasmtime.Calls;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Linking;

/// <summary>Readable listings of a module's exports and of the host functions offered, for binding errors.</summary>
internal static class ModuleDescription
{
    private const int MaxListed = 60;

    public static string Exports(IReadOnlyList<Export> exports)
    {
        if (exports.Count == 0)
            return "The module exports nothing.";
        string listed = string.Join("; ", exports.Take(MaxListed).Select(Describe));
        return exports.Count <= MaxListed
            ? $"The module exports: {listed}."
            : $"The module exports: {listed}; and {exports.Count - MaxListed} more.";
    }

    public static string Describe(Export export) => export switch
    {
        FunctionExport function => $"{export.Name} {new CoreSignature(function.Parameters, function.Results)}",
        MemoryExport => $"{export.Name} (memory)",
        TableExport => $"{export.Name} (table)",
        GlobalExport => $"{export.Name} (global)",
        _ => $"{export.Name} ({export.GetType().Name})",
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
