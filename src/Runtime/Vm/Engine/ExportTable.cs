using Hyperlight.Bindings;
using Hyperlight.Images;

namespace Hyperlight.Vm.Engine;

/// <summary>Resolves binding-interface functions against the image's exports by name and core signature.</summary>
internal sealed class ExportTable
{
    private readonly Dictionary<string, GuestExport> _byName = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<GuestExport> _exports;

    public ExportTable(GuestImage image)
    {
        _exports = image.Exports;
        foreach (GuestExport export in image.Exports)
            _byName.TryAdd(export.Name, export);
    }

    /// <summary>The frame function index of <paramref name="function"/>'s export.</summary>
    public int Resolve(FunctionDescriptor function)
    {
        var expected = CoreSignature.ForExport(function);
        if (!_byName.TryGetValue(function.Name, out GuestExport? export))
            throw new GuestBindingException(
                $"The guest does not export '{function.Name}' (wanted by {function.MethodName}: {function}, core {expected}). It exports: {Describe()}.");
        if (!expected.Matches(export.Parameters, export.Results))
            throw new GuestBindingException(
                $"The guest exports '{export.Name}' as {CoreSignature.Format(export.Parameters, export.Results)}, but {function.MethodName} ({function}) flattens to {expected}. It exports: {Describe()}.");
        if (export.Index > int.MaxValue)
            throw new SandboxConfigurationException($"The guest image is malformed: export '{export.Name}' has index {export.Index}.");
        return (int)export.Index;
    }

    private string Describe() =>
        _exports.Count == 0 ? "nothing" : string.Join(", ", _exports.Select(e => $"{e.Name} {CoreSignature.Format(e.Parameters, e.Results)}"));
}
