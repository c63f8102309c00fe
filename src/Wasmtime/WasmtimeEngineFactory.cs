using Hyperlight.Engines;
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
        HostExterns.From(setup.HostDefinitions);
        Module main = Compile(setup.Module, "module");
        var linked = new List<NamedModule>(setup.LinkedModules.Count);
        try
        {
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
        return new WasmtimeEngine(main, linked, setup);
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
