using Hyperlight.Images;
using Hyperlight.Wasm.Linking;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm;

/// <summary>
/// What a successful link tells an engine that links the modules itself (Wasmtime): which of the
/// main module's function exports run another module's code (such a re-export reads its string and
/// bytes arguments in that module's memory, so the host must stage them there), and which import
/// sizes only instantiation can check.
/// </summary>
public sealed class WasmLinkSummary
{
    private readonly Dictionary<string, string> _reexportOwners = new(StringComparer.Ordinal);

    internal WasmLinkSummary(LinkPlan plan)
    {
        SizeChecks = [.. plan.SizeChecks.Select(deferred => deferred.Check)];
        LinkedModule main = plan.Main;
        foreach (Export export in main.Module.Exports)
        {
            if (export.Kind != ExternalKind.Function)
                continue;
            int owner = plan.Functions[(int)main.Functions[export.Index]].Module;
            if (owner != main.Position)
                _reexportOwners[export.Name] = plan.Modules[owner].Name;
        }
    }

    /// <summary>Import minimums to check right before each importer is instantiated (<see cref="WasmLinker.CheckSizeReached"/>).</summary>
    public IReadOnlyList<GuestSizeCheck> SizeChecks { get; }

    /// <summary>The linked module whose code the main module's function export <paramref name="export"/> runs; null when it is the main module's own (or no such export exists).</summary>
    public string? ModuleRunning(string export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return _reexportOwners.GetValueOrDefault(export);
    }
}
