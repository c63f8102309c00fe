namespace Hyperlight.Engines;

/// <summary>What runs a sandbox, for logs and for callers that need to know.</summary>
/// <param name="Name">Short name, e.g. <c>kvm</c>, <c>emulated</c>, <c>in-process</c>, <c>wasmtime</c>.</param>
/// <param name="Boundary">The isolation beyond Wasm's checks.</param>
/// <param name="Description">One line for logs.</param>
public sealed record EngineInfo(string Name, VmBoundary Boundary, string Description);
