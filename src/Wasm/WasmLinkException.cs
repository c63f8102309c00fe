namespace Hyperlight.Wasm;

/// <summary>An import could not be satisfied: missing, of another kind, another type, or incompatible limits.</summary>
public sealed class WasmLinkException(string module, string name, string message)
    : HyperlightException($"Import {module}.{name}: {message}")
{
    public string ImportModule { get; } = module;

    public string ImportName { get; } = name;
}
