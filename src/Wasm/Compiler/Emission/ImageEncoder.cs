using Iced.Intel;

namespace Hyperlight.Wasm.Compiler.Emission;

/// <summary>
/// Encodes an <see cref="Assembler"/>'s instructions into one position-independent image at address 0,
/// in a single pass: each instruction is written straight into the output (branches directly, the
/// most frequent other forms by <see cref="CommonFormEncoder"/>, the rest by Iced's <see cref="Encoder"/>),
/// and label displacements are patched once all label offsets are known. It replaces <see cref="Assembler.Assemble"/>, whose block encoder creates an object per
/// instruction for the whole module and encodes each instruction at least twice (to pick branch
/// sizes): that was most of the compile time and allocation.
/// <para>
/// Label references are branch targets (the label id in the branch target, as Iced's assembler
/// writes it) and RIP-relative memory operands (the label id as the absolute address). Each is
/// written as a zero displacement and recorded; a backward JMP/Jcc takes the short form when its
/// target is in reach, a forward one the near form, which <see cref="BranchShortening"/> shortens
/// afterwards where the target turned out to be close. Then every displacement is patched.
/// </para>
/// </summary>
internal sealed class ImageEncoder
{
    // Both forms of a short Jcc/JMP in 64-bit mode: opcode, rel8. Shared with BranchShortening, which rewrites near forms into these.
    internal const int ShortBranchLength = 2;
    internal const byte ShortJmp = 0xEB;
    private const byte NearJmp = 0xE9, NearCall = 0xE8;

    // Condition nibble added: 70+cc rel8, 0F 80+cc rel32.
    internal const byte ShortJcc = 0x70, NearJcc = 0x80;

    [ThreadStatic]
    private static ImageEncoder? t_cached;

    private readonly CodeBuffer _code = new();
    private readonly Encoder _encoder;
    private readonly List<LabelReference> _references = [];
    private readonly BranchShortening _shortening = new();

    // Reset for each image rather than allocated: at one entry per five instructions, a large module's tables are tens of KB.
    private readonly LabelOffsets _labels = new();

    // Forward JMP/Jcc written so far in the near form: where each label sits among them.
    private int _shortenable;

    private ImageEncoder() => _encoder = Encoder.Create(64, _code);

    /// <summary>
    /// Encodes <paramref name="instructions"/> (as built by one <see cref="Assembler"/>) at address 0.
    /// The result's <see cref="EncodedImage.Labels"/> belong to this thread's encoder: they are valid until the thread encodes again.
    /// </summary>
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
            encoder._references.Clear();
            encoder._shortenable = 0;
            if (encoder._code.Capacity <= CodeBuffer.MaxRetainedBytes)
                t_cached = encoder;
        }
    }

    private EncodedImage Run(IReadOnlyList<Instruction> instructions)
    {
        // The compiler creates about one label per five instructions (a module of the compile
        // benchmark: 8,400 for 42,000); sized up front, the tables are not regrown several times.
        LabelOffsets labels = _labels;
        labels.Reset(instructions.Count / 4);
        // Iced's assembler hands out its InstructionList, whose indexer returns a reference: read
        // in place rather than copied out (40 bytes each) through the interface.
        if (instructions is InstructionList list)
        {
            for (int i = 0; i < list.Count; i++)
                EncodeNext(list[i], labels);
        }
        else
        {
            foreach (Instruction instruction in instructions)
                EncodeNext(instruction, labels);
        }
        _shortening.Apply(_code, _references, labels);
        foreach (LabelReference reference in _references)
            _code.Patch(reference, labels.Of(reference.Label) - reference.End);
        return new EncodedImage(_code.ToArray(), labels);
    }

    private void EncodeNext(in Instruction instruction, LabelOffsets labels)
    {
        int offset = _code.Length;
        if (instruction.IP != 0)
            labels.Bind(instruction.IP, offset, _shortenable);
        if (instruction.Op0Kind == OpKind.NearBranch64)
            EncodeBranch(instruction, offset, labels);
        else if (instruction.IsIPRelativeMemoryOperand)
            EncodeRipRelative(instruction, offset);
        else
            Encode(instruction, offset);
    }

    /// <summary>
    /// Writes a JMP, Jcc or CALL itself: their encodings are fixed (no ModRM, no prefixes), and
    /// they are a third of the compiler's instructions, so this skips Iced's general encoder.
    /// </summary>
    private void EncodeBranch(in Instruction branch, int offset, LabelOffsets labels)
    {
        ulong label = branch.NearBranch64;
        bool isCall = branch.IsCallNear;
        bool isJcc = branch.IsJccShortOrNear;
        if (!(isCall || isJcc || branch.IsJmpShortOrNear) || branch.HasRepnePrefix || branch.SegmentPrefix != Register.None)
            throw new InvalidOperationException($"Internal compiler error: {branch.Code} (to label {label}) is not a branch form the encoder supports");
        bool backward = labels.TryGet(label, out int target);
        if (backward && !isCall && target - (offset + ShortBranchLength) >= sbyte.MinValue)
        {
            _code.WriteByte(isJcc ? (byte)(ShortJcc + ConditionNibble(branch)) : ShortJmp);
            AddReference(label, sizeof(sbyte), NearBranch.None);
            return;
        }
        if (isJcc)
        {
            _code.WriteByte(0x0F);
            _code.WriteByte((byte)(NearJcc + ConditionNibble(branch)));
        }
        else
        {
            _code.WriteByte(isCall ? NearCall : NearJmp);
        }
        AddReference(label, sizeof(int), backward || isCall ? NearBranch.None : isJcc ? NearBranch.Jcc : NearBranch.Jmp);
    }

    private void AddReference(ulong label, byte width, NearBranch shortenable)
    {
        if (shortenable != NearBranch.None)
            _shortenable++;
        int position = _code.Length;
        _references.Add(new LabelReference(position, position + width, label, width, shortenable));
        _code.AppendZeros(width);
    }

    // x86 numbers conditions o, no, b, ae, … 0 to 15; Iced's ConditionCode is the same order from 1.
    private static int ConditionNibble(in Instruction jcc) => (int)jcc.ConditionCode - 1;

    private void EncodeRipRelative(Instruction instruction, int offset)
    {
        ulong label = instruction.MemoryDisplacement64;
        // Any in-range address will do until the patch: the instruction's own (set on this copy).
        instruction.MemoryDisplacement64 = (ulong)offset;
        int length = CommonFormEncoder.TryEncode(instruction, (ulong)offset, _code, out int displacement);
        if (length == 0)
        {
            length = EncodeWithIced(instruction, offset);
            displacement = (int)_encoder.GetConstantOffsets().DisplacementOffset;
        }
        // The displacement is relative to the end of the instruction, which may hold an immediate after it.
        _references.Add(new LabelReference(offset + displacement, offset + length, label, sizeof(int)));
    }

    private void Encode(in Instruction instruction, int offset)
    {
        if (CommonFormEncoder.TryEncode(instruction, (ulong)offset, _code, out _) == 0)
            EncodeWithIced(instruction, offset);
    }

    private int EncodeWithIced(in Instruction instruction, int offset)
    {
        if (!_encoder.TryEncode(instruction, (ulong)offset, out uint length, out string? error))
            throw new InvalidOperationException($"Internal compiler error: cannot encode {instruction.Code} at offset {offset}: {error}");
        return (int)length;
    }
}
