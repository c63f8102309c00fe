namespace Hyperlight;

/// <summary>The guest stopped on a Wasm trap (or an explicit check of the compiled code).</summary>
public sealed class GuestTrapException : HyperlightException
{
    public GuestTrapException(TrapKind kind, string message, int? functionIndex = null, string? functionName = null, int? codeOffset = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        FunctionIndex = functionIndex;
        FunctionName = functionName;
        CodeOffset = codeOffset;
    }

    public TrapKind Kind { get; }

    /// <summary>The Wasm function that trapped, where the engine knows it.</summary>
    public int? FunctionIndex { get; }

    public string? FunctionName { get; }

    /// <summary>Byte offset in the module's code section, where known.</summary>
    public int? CodeOffset { get; }
}
