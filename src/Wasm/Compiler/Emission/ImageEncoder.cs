using Iced.Intel;

namespace Hyperlight.Wasm.Compiler.Emission;

/// <summary>
/// Encodes an <see cref="Assembler"/>'s instructions into one position-independent image at address 0,
/// in a single pass: each instruction goes through Iced's <see cref="Encoder"/> straight into the
/// output, and references to labels not bound yet are patched once all label offsets are known.
/// It replaces <see cref="Assembler.Assemble"/>, whose block encoder creates an object per
/// instruction for the whole module and encodes each instruction at least twice (to pick branch
/// sizes): that was most of the compile time and allocation.
/// <para>
/// The price is branch size: a forward JMP or Jcc always takes its near (rel32) form, since its target
/// is not known when it is encoded; a backward one takes the short form when its target is in reach.
/// Label references are branch targets (the label id in the branch target, as Iced's assembler
/// writes it) and RIP-relative memory operands (the label id as the absolute address).
/// </para>
/// </summary>
internal sealed class ImageEncoder
{
    // Both forms of a short Jcc/JMP in 64-bit mode: opcode, rel8.
    private const int ShortBranchLength = 2;

    [ThreadStatic]
    private static ImageEncoder? t_cached;

    private readonly CodeBuffer _code = new();
    private readonly Encoder _encoder;
    private readonly List<Fixup> _fixups = [];

    private ImageEncoder() => _encoder = Encoder.Create(64, _code);

    /// <summary>Encodes <paramref name="instructions"/> (as built by one <see cref="Assembler"/>) at address 0.</summary>
    /// <exception cref="InvalidOperationException">A label is referenced but never bound, bound twice, or an instruction cannot be encoded: an internal compiler error.</exception>
    public static EncodedImage Encode(IReadOnlyList<Instruction> instructions)
    {
        ImageEncoder encoder = t_cached ?? new ImageEncoder();
        t_cached = null;
        try
        {
            return encoder.Run(instructions);
        }
        finally
        {
            encoder._code.Clear();
            encoder._fixups.Clear();
            if (encoder._code.Capacity <= CodeBuffer.MaxRetainedBytes)
                t_cached = encoder;
        }
    }

    private EncodedImage Run(IReadOnlyList<Instruction> instructions)
    {
        var labels = new LabelOffsets();
        int count = instructions.Count;
        for (int i = 0; i < count; i++)
        {
            Instruction instruction = instructions[i];
            int offset = _code.Length;
            if (instruction.IP != 0)
                labels.Bind(instruction.IP, offset);
            if (instruction.Op0Kind == OpKind.NearBranch64)
                EncodeBranch(instruction, offset, labels);
            else if (instruction.IsIPRelativeMemoryOperand)
                EncodeRipRelative(ref instruction, offset, labels);
            else
                Encode(instruction, offset);
        }
        foreach (Fixup fixup in _fixups)
            _code.PatchInt32(fixup.Position, checked(labels.Of(fixup.Label) - fixup.End));
        return new EncodedImage(_code.ToArray(), labels);
    }

    /// <summary>
    /// Writes a JMP, Jcc or CALL itself: their encodings are fixed (no ModRM, no prefixes), and
    /// they are a third of the compiler's instructions, so this skips Iced's general encoder.
    /// </summary>
    private void EncodeBranch(in Instruction branch, int offset, LabelOffsets labels)
    {
        ulong label = branch.NearBranch64;
        bool isCall = branch.IsCallNear;
        if (!(isCall || branch.IsJmpShortOrNear || branch.IsJccShortOrNear) || branch.HasRepnePrefix || branch.SegmentPrefix != Register.None)
            throw new InvalidOperationException($"Internal compiler error: {branch.Code} (to label {label}) is not a branch form the encoder supports");
        bool known = labels.TryGet(label, out int target);
        if (known && !isCall && target - (offset + ShortBranchLength) is >= sbyte.MinValue and <= sbyte.MaxValue)
        {
            _code.WriteByte(branch.IsJccShortOrNear ? (byte)(0x70 + ConditionNibble(branch)) : (byte)0xEB);
            _code.WriteByte(unchecked((byte)(sbyte)(target - (offset + ShortBranchLength))));
            return;
        }
        if (branch.IsJccShortOrNear)
        {
            _code.WriteByte(0x0F);
            _code.WriteByte((byte)(0x80 + ConditionNibble(branch)));
        }
        else
        {
            _code.WriteByte(isCall ? (byte)0xE8 : (byte)0xE9);
        }
        int end = _code.Length + sizeof(int);
        if (!known)
            _fixups.Add(new Fixup(_code.Length, end, label));
        _code.AppendInt32(known ? target - end : 0);
    }

    // x86 numbers conditions o, no, b, ae, … 0 to 15; Iced's ConditionCode is the same order from 1.
    private static int ConditionNibble(in Instruction jcc) => (int)jcc.ConditionCode - 1;

    private void EncodeRipRelative(ref Instruction instruction, int offset, LabelOffsets labels)
    {
        ulong label = instruction.MemoryDisplacement64;
        if (labels.TryGet(label, out int target))
        {
            instruction.MemoryDisplacement64 = (ulong)target;
            Encode(instruction, offset);
            return;
        }
        instruction.MemoryDisplacement64 = (ulong)offset;
        int end = offset + Encode(instruction, offset);
        // The displacement is relative to the end of the instruction, which may hold an immediate after it.
        _fixups.Add(new Fixup(offset + (int)_encoder.GetConstantOffsets().DisplacementOffset, end, label));
    }

    private int Encode(in Instruction instruction, int offset)
    {
        if (!_encoder.TryEncode(instruction, (ulong)offset, out uint length, out string? error))
            throw new InvalidOperationException($"Internal compiler error: cannot encode {instruction.Code} at offset {offset}: {error}");
        return (int)length;
    }

    /// <summary>A rel32 at <see cref="Position"/>, relative to <see cref="End"/> (the next instruction), that must reach <see cref="Label"/>.</summary>
    private readonly record struct Fixup(int Position, int End, ulong Label);
}
