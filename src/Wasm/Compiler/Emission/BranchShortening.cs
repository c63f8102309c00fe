using System.Runtime.InteropServices;

namespace Hyperlight.Wasm.Compiler.Emission;

/// <summary>
/// Turns forward JMP/Jcc written in the near form (rel32) into the short form (rel8) where the target
/// is in reach, and compacts the code. <see cref="ImageEncoder"/> cannot know a forward distance when
/// it writes the branch; without this pass, the code of the compile benchmark's module is 12% larger.
/// <para>
/// Shortening a branch only brings other code closer together, so it never puts another branch out
/// of reach. The choice is made in one pass, then the code moves once. Positions before compaction
/// are "old", after it "new"; a position moves down by the bytes saved by the shortened branches
/// that start before it. An instance is kept with its encoder, so its candidate list (thousands of
/// entries) is not reallocated on the large-object heap at every compile.
/// </para>
/// </summary>
internal sealed class BranchShortening
{
    private const int ShortLength = ImageEncoder.ShortBranchLength;

    private readonly List<Candidate> _candidates = [];
    private int _totalSaved;

    /// <summary>Shortens what reaches, moves the code, and updates <paramref name="references"/> and <paramref name="labels"/> to the new positions.</summary>
    /// <param name="references">In code order, as the encoder recorded them (displacements not patched yet).</param>
    public void Apply(CodeBuffer code, List<LabelReference> references, LabelOffsets labels)
    {
        FindCandidates(references);
        ChooseShortened(references, labels);
        if (_totalSaved == 0)
            return;
        Compact(code);
        labels.MoveDown(SavedBefore);
        MoveReferences(references);
    }

    private void FindCandidates(List<LabelReference> references)
    {
        _candidates.Clear();
        for (int i = 0; i < references.Count; i++)
        {
            NearBranch branch = references[i].Shortenable;
            if (branch == NearBranch.None)
                continue;
            // A near JMP is E9 rel32; a near Jcc is 0F 8x rel32.
            int start = references[i].Position - (branch == NearBranch.Jcc ? 2 : 1);
            _candidates.Add(new Candidate(i, branch, start, references[i].End - start - ShortLength));
        }
    }

    /// <summary>
    /// Marks the candidates to shorten and sets how much is saved before each. Whether a forward
    /// branch reaches depends only on the branches between it and its target, all after it: deciding
    /// from the last to the first sees each of those decided already, so one pass finds every branch that fits.
    /// </summary>
    private void ChooseShortened(List<LabelReference> references, LabelOffsets labels)
    {
        Span<Candidate> candidates = CollectionsMarshal.AsSpan(_candidates);
        // Going backwards, SavedBefore first holds the bytes saved by this candidate and the later ones.
        for (int k = candidates.Length - 1; k >= 0; k--)
        {
            ref Candidate candidate = ref candidates[k];
            LabelReference reference = references[candidate.Reference];
            int target = labels.Of(reference.Label);
            int savedFromNext = SavedFrom(candidates, k + 1);
            // Measured from the near form's end, the target is already as close as shortening this branch brings it.
            int savedBetween = savedFromNext - SavedFrom(candidates, labels.BranchesBefore(reference.Label));
            candidate.Shortened = target - reference.End - savedBetween <= sbyte.MaxValue;
            candidate.SavedBefore = savedFromNext + (candidate.Shortened ? candidate.Saving : 0);
        }
        _totalSaved = SavedFrom(candidates, 0);
        foreach (ref Candidate candidate in candidates)
            candidate.SavedBefore = _totalSaved - candidate.SavedBefore;
    }

    private static int SavedFrom(Span<Candidate> candidates, int k) => k < candidates.Length ? candidates[k].SavedBefore : 0;

    private void Compact(CodeBuffer code)
    {
        Span<byte> bytes = code.Written;
        int read = 0, write = 0;
        foreach (Candidate candidate in CollectionsMarshal.AsSpan(_candidates))
        {
            if (!candidate.Shortened)
                continue;
            bytes[read..candidate.Start].CopyTo(bytes[write..]);
            write += candidate.Start - read;
            // 0F 8x becomes 7x (same condition nibble); E9 becomes EB. The rel8 is patched later.
            bytes[write] = candidate.Branch == NearBranch.Jcc ? (byte)(bytes[candidate.Start + 1] - (ImageEncoder.NearJcc - ImageEncoder.ShortJcc)) : ImageEncoder.ShortJmp;
            write += ShortLength;
            read = candidate.Start + ShortLength + candidate.Saving;
        }
        bytes[read..].CopyTo(bytes[write..]);
        code.Truncate(write + (bytes.Length - read));
    }

    private void MoveReferences(List<LabelReference> references)
    {
        Span<Candidate> candidates = CollectionsMarshal.AsSpan(_candidates);
        for (int i = 0, next = 0; i < references.Count; i++)
        {
            LabelReference reference = references[i];
            if (next < candidates.Length && candidates[next].Reference == i)
            {
                Candidate candidate = candidates[next++];
                int start = candidate.Start - candidate.SavedBefore;
                references[i] = candidate.Shortened
                    ? reference with { Position = start + 1, End = start + ShortLength, Width = sizeof(sbyte), Shortenable = NearBranch.None }
                    : reference with { Position = reference.Position - candidate.SavedBefore, End = reference.End - candidate.SavedBefore };
                continue;
            }
            // No branch starts between the last candidate passed and this reference's instruction.
            int shift = SavedBefore(next);
            references[i] = reference with { Position = reference.Position - shift, End = reference.End - shift };
        }
    }

    /// <summary>Bytes saved by the shortened branches before candidate <paramref name="k"/> (all of them when k is past the last).</summary>
    private int SavedBefore(int k) => k < _candidates.Count ? _candidates[k].SavedBefore : _totalSaved;

    /// <summary>A near forward JMP/Jcc: its reference's index, which branch, where it starts (old), the bytes the short form saves.</summary>
    private record struct Candidate(int Reference, NearBranch Branch, int Start, int Saving)
    {
        public bool Shortened { get; set; }

        /// <summary>Bytes saved by the shortened candidates before this one (while choosing: by this one and those after it).</summary>
        public int SavedBefore { get; set; }
    }
}
