namespace Hyperlight;

/// <summary>
/// A guest function reference (<c>funcref</c>) as the host sees it: opaque, and only meaningful to
/// the sandbox it came from. Pass it back into that sandbox (an argument, a global) unchanged.
/// </summary>
public sealed class WasmFunctionReference
{
    internal WasmFunctionReference(object owner, object handle)
    {
        Owner = owner;
        Handle = handle;
    }

    /// <summary>The engine instance the reference belongs to; another sandbox refuses it.</summary>
    internal object Owner { get; }

    /// <summary>The engine's own representation (a function index, a Wasmtime function).</summary>
    internal object Handle { get; }
}
