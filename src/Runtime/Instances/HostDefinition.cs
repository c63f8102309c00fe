namespace Hyperlight;

/// <summary>
/// Something the host defines for the guest to import by <see cref="Module"/> and <see cref="Name"/>:
/// a global, a memory or a table (host functions come from <see cref="SandboxBuilder.WithHostFunctions{T}"/>).
/// Each sandbox gets its own instance of the definition, initialised as declared.
/// </summary>
public abstract record HostDefinition(string Module, string Name);

/// <summary>A global with its initial value; references may only start as null.</summary>
public sealed record HostGlobal(string Module, string Name, WasmValue Value, bool Mutable) : HostDefinition(Module, Name);

/// <summary>A linear memory of <see cref="MinimumPages"/> 64 KiB pages that may grow to <see cref="MaximumPages"/>.</summary>
public sealed record HostMemory(string Module, string Name, uint MinimumPages, uint? MaximumPages) : HostDefinition(Module, Name);

/// <summary>A table of <see cref="ElementKind"/> (funcref or externref) with null elements.</summary>
public sealed record HostTable(string Module, string Name, CoreValueType ElementKind, uint Minimum, uint? Maximum) : HostDefinition(Module, Name);

/// <summary>A Wasm module instantiated before the main module, whose exports later modules import as <see cref="Name"/>.</summary>
public sealed record LinkedWasmModule(string Name, ReadOnlyMemory<byte> Bytes);
