using Hyperlight.Engines;
using Hyperlight.Wasmtime.Interop;
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
        return new WasmtimeEngine(Compile(setup.Module), setup.HostBindings, setup.Options);
    }

    private static Module Compile(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return Module.FromBytes(SharedEngine.Engine, "guest", bytes.Span);
        }
        catch (WasmtimeException e)
        {
            throw new WasmModuleException($"Wasmtime rejected the module ({bytes.Length} bytes): {WasmtimeMessages.OneLine(e.Message)}", e);
        }
    }
}
