using Hyperlight.Engines;
using Hyperlight.Images;
using Hyperlight.Wasm;
using Hyperlight.Wasmtime.Interop;
using Hyperlight.Wasmtime.Linking;
using global::Wasmtime;

namespace Hyperlight.Wasmtime;

/// <summary>
/// Runs sandboxes on Wasmtime .NET, in process: the reference engine (the oracle for differential
/// tests) and the fallback where no hypervisor or emulator is available. Offers no VM boundary.
/// </summary>
public sealed class WasmtimeEngineFactory : ISandboxEngineFactory
{
    public VmBoundary Boundary => VmBoundary.None;

    public ISandboxEngine Create(SandboxSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        IReadOnlyList<WasmHostExtern> hostExterns = HostExterns.From(setup.HostDefinitions);
        Module main = Compile(setup.Module, "module");
        var linked = new List<NamedModule>(setup.LinkedModules.Count);
        WasmLinkSummary? links;
        try
        {
            links = CheckLinks(setup, main, hostExterns);
            foreach (LinkedWasmModule module in setup.LinkedModules)
                linked.Add(new NamedModule(module.Name, Compile(module.Bytes, $"linked module '{module.Name}'")));
        }
        catch
        {
            main.Dispose();
            foreach (NamedModule module in linked)
                module.Module.Dispose();
            throw;
        }
        return new WasmtimeEngine(main, linked, links, setup);
    }

    /// <summary>
    /// Links with the micro-VM's rules (WasmLinker), so a link error is the same
    /// <see cref="WasmLinkException"/> on every engine. A lone module that imports only functions has
    /// nothing to link: it is left to Wasmtime alone, which accepts whatever Wasmtime accepts.
    /// Returns what the link check found, for the engine: re-exports and the size checks that must
    /// wait for instantiation (<see cref="GuestSizeCheck"/>).
    /// </summary>
    private static WasmLinkSummary? CheckLinks(SandboxSetup setup, Module main, IReadOnlyList<WasmHostExtern> hostExterns)
    {
        if (setup.LinkedModules.Count == 0 && setup.HostDefinitions.Count == 0 && main.Imports.All(import => import is FunctionImport))
            return null;
        return WasmLinker.Check(setup.ModulesToLink(), hostExterns);
    }

    private static Module Compile(ReadOnlyMemory<byte> bytes, string what)
    {
        try
        {
            return Module.FromBytes(SharedEngine.Engine, "guest", bytes.Span);
        }
        catch (WasmtimeException e)
        {
            throw new WasmModuleException($"Wasmtime rejected the {what} ({bytes.Length} bytes): {WasmtimeMessages.OneLine(e.Message)}", e);
        }
    }
}
