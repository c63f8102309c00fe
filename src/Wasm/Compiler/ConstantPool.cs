using System.Buffers.Binary;
using Iced.Intel;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Deduplicated 8-byte constants placed in the image's read-only data, for RIP-relative SSE
/// operands: <c>ucomisd xmm0, [rip+c]</c> is one instruction, where materialising the bits through
/// a general-purpose register into XMM15 takes three. An f32 constant is stored zero-extended, so
/// a 4-byte load of it reads the f32 bits.
/// </summary>
internal sealed class ConstantPool(Assembler asm)
{
    private readonly Dictionary<ulong, Label> _labels = [];

    public Label Get(ulong bits)
    {
        if (!_labels.TryGetValue(bits, out Label label))
        {
            label = asm.CreateLabel();
            _labels.Add(bits, label);
        }
        return label;
    }

    /// <summary>Emits every requested constant; once, with the read-only data after the code.</summary>
    public void Emit()
    {
        var bytes = new byte[8];
        foreach (var (bits, label) in _labels)
        {
            Label here = label;
            asm.Bind(ref here);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, bits);
            asm.db(bytes);
        }
    }
}
