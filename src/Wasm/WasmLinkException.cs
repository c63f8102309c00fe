namespace Hyperlight.Wasm;

/// <summary>
/// Modules and host definitions could not be linked into one sandbox: an import missing, of another
/// kind, of another type or with incompatible limits (<see cref="ImportModule"/>.<see cref="ImportName"/>
/// names it), or a module that brings the sandbox past the memories it can hold.
/// </summary>
public sealed class WasmLinkException : HyperlightException
{
    /// <summary>An import that cannot be satisfied.</summary>
    public WasmLinkException(string module, string name, string message)
        : base($"Import {module}.{name}: {message}")
    {
        ImportModule = module;
        ImportName = name;
    }

    /// <summary>A module that cannot join the sandbox for a reason of its own, not of one import.</summary>
    public WasmLinkException(string module, string message)
        : base($"Module '{module}' {message}")
    {
        LinkedModule = module;
    }

    /// <summary>The import's module name; null when the failure is not about one import.</summary>
    public string? ImportModule { get; }

    public string? ImportName { get; }

    /// <summary>The module at fault when the failure is not about one import.</summary>
    public string? LinkedModule { get; }
}
