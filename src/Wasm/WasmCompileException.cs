namespace Hyperlight.Wasm;

/// <summary>A module is malformed, invalid, too large, or uses something the compiler does not support.</summary>
public sealed class WasmCompileException : HyperlightException
{
    public WasmCompileException(string message, long byteOffset)
        : base($"{message} (at byte offset 0x{byteOffset:x})")
    {
        ByteOffset = byteOffset;
    }

    /// <summary>Where in the module bytes the problem was found.</summary>
    public long ByteOffset { get; }
}
