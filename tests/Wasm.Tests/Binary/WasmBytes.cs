using System.Text;

namespace Hyperlight.Wasm.Tests.Binary;

/// <summary>Builds module bytes by hand, for inputs no text-format tool would produce.</summary>
internal static class WasmBytes
{
    public static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    public static byte[] Module(params byte[][] sections) => Concat([Header, .. sections]);

    public static byte[] Section(byte id, params byte[][] contents)
    {
        byte[] body = Concat(contents);
        return Concat([[id], Leb(body.Length), body]);
    }

    public static byte[] Vec(params byte[][] items) => Concat([Leb(items.Length), .. items]);

    public static byte[] Name(string text) => NameBytes(Encoding.UTF8.GetBytes(text));

    public static byte[] NameBytes(byte[] utf8) => Concat([Leb(utf8.Length), utf8]);

    public static byte[] Leb(long value)
    {
        var bytes = new List<byte>();
        ulong v = (ulong)value;
        do
        {
            byte b = (byte)(v & 0x7F);
            v >>= 7;
            bytes.Add(v != 0 ? (byte)(b | 0x80) : b);
        }
        while (v != 0);
        return [.. bytes];
    }

    public static byte[] SignedLeb(long value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bool done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            bytes.Add(done ? b : (byte)(b | 0x80));
            if (done)
                return [.. bytes];
        }
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Type section with one type, () -> ().</summary>
    public static byte[] VoidTypeSection() => Section(1, Vec([0x60, 0x00, 0x00]));

    /// <summary>One defined function of type 0 whose body is <paramref name="instructions"/> (which must end with 0x0b).</summary>
    public static byte[][] OneFunction(params byte[] instructions) =>
    [
        Section(3, Vec([0x00])),
        Section(10, Vec(Body(instructions))),
    ];

    /// <summary>
    /// Start and end offsets of the sections after the header, read from their headers alone; stops
    /// at the first section that does not fit, so it also works on damaged modules.
    /// </summary>
    public static List<(int Start, int End)> SectionExtents(IReadOnlyList<byte> module)
    {
        var sections = new List<(int, int)>();
        int position = Header.Length;
        while (position < module.Count)
        {
            int start = position++;
            long size = 0;
            for (int shift = 0; position < module.Count && shift < 35; shift += 7)
            {
                byte b = module[position++];
                size |= (long)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                    break;
            }

            if (position + size > module.Count)
                break;
            position += (int)size;
            sections.Add((start, position));
        }

        return sections;
    }

    /// <summary>A code section entry without locals.</summary>
    public static byte[] Body(params byte[] instructions) => Concat([Leb(instructions.Length + 1), [0x00], instructions]);
}
