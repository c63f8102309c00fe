namespace Hyperlight.Engines;

/// <summary>Picks the strongest engine that is available and meets the required boundary.</summary>
internal static class EngineSelection
{
    /// <summary>The built-in engines, strongest first: the micro-VM drivers this machine can run.</summary>
    internal static IReadOnlyList<ISandboxEngineFactory> BuiltIn => Vm.MicroVmEngineFactory.BuiltIn;

    public static ISandboxEngineFactory Choose(IReadOnlyList<ISandboxEngineFactory> offered, VmBoundary required)
    {
        IReadOnlyList<ISandboxEngineFactory> candidates = offered.Count > 0 ? offered : BuiltIn;
        if (candidates.Count == 0)
            throw new SandboxConfigurationException("No engine is available: offer one with WithEngine(...) (for example UseWasmtime()).");
        ISandboxEngineFactory strongest = candidates.MaxBy(f => f.Boundary)!;
        if (strongest.Boundary < required)
            throw new IsolationUnavailableException(
                $"A {required} VM boundary is required but the strongest engine available offers {strongest.Boundary}. " +
                (required == VmBoundary.Hardware ? "Hardware isolation needs /dev/kvm, readable and writable by this user." : "Install libunicorn2 for the emulated driver."));
        return strongest;
    }
}
