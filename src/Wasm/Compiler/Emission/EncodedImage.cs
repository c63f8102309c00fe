namespace Hyperlight.Wasm.Compiler.Emission;

/// <summary>The bytes of an image encoded at address 0, and where each of its labels is.</summary>
internal sealed class EncodedImage(byte[] code, LabelOffsets labels)
{
    public byte[] Code { get; } = code;

    /// <summary>Where each label is: the encoder's own tables, valid until the same thread encodes another image.</summary>
    public LabelOffsets Labels { get; } = labels;
}
