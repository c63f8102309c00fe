namespace Hyperlight.Wasm;

/// <summary>A module is malformed, invalid, too large, or uses something the compiler does not support.</summary>
public sealed class WasmCompileException : HyperlightException
{
    public WasmCompileException(string message, long byteOffset)
        : base($"{message} (at byte offset 0x{byteOffset:x})")
    {
        ByteOffset = byteOffset;
    }

    private WasmCompileException(string module, WasmCompileException inner)
        : base($"Module '{module}': {inner.Message}", inner)
    {
        ByteOffset = inner.ByteOffset;
        ModuleName = module;
    }

    /// <summary>Where in the module bytes the problem was found.</summary>
    public long ByteOffset { get; }

    /// <summary>Which of several linked modules it is about; null for a single module.</summary>
    public string? ModuleName { get; }

    /// <summary>The same failure, said to be in module <paramref name="module"/> of a link.</summary>
    internal WasmCompileException InModule(string module) => new(module, this);
}
