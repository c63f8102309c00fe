using global::Wasmtime;

namespace Hyperlight.Wasmtime.Linking;

/// <summary>A compiled linked module and the name later modules import its exports by.</summary>
internal sealed record NamedModule(string Name, Module Module);
