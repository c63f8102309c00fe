using Hyperlight.Wasm.Tests.Binary;

namespace Hyperlight.Wasm.Tests.Fuzz;

/// <summary>
/// Seeded, structure-aware mutations of module bytes: bit flips, byte edits, LEB128 tweaks (padding,
/// overlong and huge values) and section-level swaps, duplicates, removals and truncation.
/// </summary>
internal sealed class ModuleMutator(int seed)
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x02, 0x0B, 0x40, 0x41, 0x60, 0x6F, 0x70, 0x7B, 0x7F, 0x80, 0xFC, 0xFD, 0xFF];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] original)
    {
        var bytes = new List<byte>(original);
        int rounds = 1 + _random.Next(3);
        for (int i = 0; i < rounds && bytes.Count > 0; i++)
            MutateOnce(bytes);
        return [.. bytes];
    }

    private void MutateOnce(List<byte> bytes)
    {
        int position = _random.Next(bytes.Count);
        switch (_random.Next(10))
        {
            case 0 or 1:
                bytes[position] ^= (byte)(1 << _random.Next(8));
                break;
            case 2:
                bytes[position] = InterestingBytes[_random.Next(InterestingBytes.Length)];
                break;
            case 3:
                bytes.Insert(position, InterestingBytes[_random.Next(InterestingBytes.Length)]);
                break;
            case 4:
                bytes.RemoveAt(position);
                break;
            case 5:
                // Non-minimal LEB128: set the continuation bit and add an empty group (valid while within the byte limit).
                if ((bytes[position] & 0x80) == 0)
                {
                    bytes[position] |= 0x80;
                    bytes.Insert(position + 1, 0x00);
                }

                break;
            case 6:
                bytes.RemoveRange(position, 1);
                bytes.InsertRange(position, _random.Next(2) == 0 ? [0xFF, 0xFF, 0xFF, 0xFF, 0x0F] : [0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
                break;
            case 7:
                bytes.RemoveRange(position, bytes.Count - position);
                break;
            default:
                MutateSections(bytes);
                break;
        }
    }

    /// <summary>Swaps, duplicates or removes whole sections, which exercises the order and count rules.</summary>
    private void MutateSections(List<byte> bytes)
    {
        List<(int Start, int End)> sections = WasmBytes.SectionExtents(bytes);
        if (sections.Count < 2)
            return;
        int a = _random.Next(sections.Count);
        int b = _random.Next(sections.Count);
        var rebuilt = new List<byte>(bytes.Take(8));
        for (int i = 0; i < sections.Count; i++)
        {
            int source = i == a ? b : i == b ? a : i;
            AddSection(rebuilt, bytes, sections[source]);
            if (i == a && _random.Next(4) == 0)
                AddSection(rebuilt, bytes, sections[source]);
        }

        if (_random.Next(4) == 0)
            rebuilt.RemoveRange(8, sections[0].End - sections[0].Start);
        bytes.Clear();
        bytes.AddRange(rebuilt);
    }

    private static void AddSection(List<byte> target, List<byte> bytes, (int Start, int End) section) =>
        target.AddRange(bytes.Skip(section.Start).Take(section.End - section.Start));
}
