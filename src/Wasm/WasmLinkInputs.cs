using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm;

/// <summary>A module to link into a sandbox, importable by later modules under <see cref="Name"/>.</summary>
public sealed record NamedWasmModule(string Name, ReadOnlyMemory<byte> Bytes);

/// <summary>A global, memory or table the host defines for modules to import as <see cref="Module"/>.<see cref="Name"/>.</summary>
public abstract record WasmHostExtern(string Module, string Name);

/// <summary>A host-defined global; <see cref="InitialBits"/> is the value's slot form (a reference must be 0, null).</summary>
public sealed record WasmHostGlobal(string Module, string Name, GlobalType Type, ulong InitialBits) : WasmHostExtern(Module, Name);

public sealed record WasmHostMemory(string Module, string Name, MemoryType Type) : WasmHostExtern(Module, Name);

/// <summary>A host-defined table; its elements start null.</summary>
public sealed record WasmHostTable(string Module, string Name, TableType Type) : WasmHostExtern(Module, Name);
