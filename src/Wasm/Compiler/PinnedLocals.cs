using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// The locals of one function that live in a register for its whole body instead of a frame slot.
/// A pinned local needs no load per local.get, no store per local.set, and nothing at branches
/// and merges (it is in its register on every path). It costs a load at the start of the body and,
/// because every register is caller-saved, a reload after each call plus a store before it when
/// the function ever writes the local. A cheap pre-scan of the body weighs both by loop nesting
/// and pins the locals that gain most.
/// </summary>
internal sealed class PinnedLocals
{
    /// <summary>A local is pinned only if it saves at least this many weighted loads/stores: two uses in straight-line code are not worth a register.</summary>
    private const long MinimumGain = 3;

    /// <summary>Each enclosing loop multiplies a use's weight by 8, up to this nesting (so weights stay far from overflow).</summary>
    private const int MaxWeightedDepth = 6;

    private readonly sbyte[] _registers;
    private readonly bool[] _written;

    // The local pinned to each general-purpose register, or -1.
    private readonly int[] _gprLocals;

    private PinnedLocals(sbyte[] registers, bool[] written, List<uint> locals, int[] gprLocals)
    {
        _registers = registers;
        _written = written;
        _gprLocals = gprLocals;
        Locals = locals;
    }

    /// <summary>The pinned locals, by index.</summary>
    public IReadOnlyList<uint> Locals { get; }

    /// <summary>Bit set of the general-purpose registers holding pinned locals.</summary>
    public uint GprMask { get; private init; }

    /// <summary>Bit set of the XMM registers holding pinned locals.</summary>
    public uint XmmMask { get; private init; }

    /// <summary>The register (a <see cref="Gpr"/> or an XMM number, by the local's type) of the local, if it is pinned.</summary>
    public bool TryGetRegister(uint local, out byte register)
    {
        register = unchecked((byte)_registers[local]);
        return _registers[local] >= 0;
    }

    public byte RegisterOf(uint local) =>
        TryGetRegister(local, out byte register) ? register : throw new InvalidOperationException($"Local {local} is not pinned");

    /// <summary>The local pinned to general-purpose register <paramref name="register"/>, if any.</summary>
    public bool TryGetLocalIn(Gpr register, out uint local)
    {
        local = (uint)Math.Max(_gprLocals[(int)register], 0);
        return _gprLocals[(int)register] >= 0;
    }

    /// <summary>Whether the body ever sets or tees the local: if not, its frame slot always holds its value.</summary>
    public bool IsWritten(uint local) => _written[local];

    /// <summary>Scans the body at <paramref name="reader"/> (a reader of its own: it is read to the end) and picks the locals to pin.</summary>
    public static PinnedLocals Choose(CodeReader reader, ValueType[] localTypes)
    {
        var uses = new long[localTypes.Length];
        var written = new bool[localTypes.Length];
        long calls = Scan(reader, uses, written);

        var candidates = new List<(uint Local, long Gain)>();
        for (uint local = 0; local < localTypes.Length; local++)
        {
            long gain = uses[local] - (calls * (written[local] ? 2 : 1));
            if (gain >= MinimumGain)
                candidates.Add((local, gain));
        }
        candidates.Sort((a, b) => b.Gain != a.Gain ? b.Gain.CompareTo(a.Gain) : a.Local.CompareTo(b.Local));

        var registers = new sbyte[localTypes.Length];
        Array.Fill(registers, (sbyte)-1);
        var pinned = new List<uint>();
        var gprLocals = new int[16];
        Array.Fill(gprLocals, -1);
        int nextGpr = 0, nextXmm = 0;
        uint gprMask = 0, xmmMask = 0;
        foreach (var (local, _) in candidates)
        {
            if (StackEntry.IsFloat(localTypes[local]))
            {
                if (nextXmm == CallingConvention.PinnableXmms.Length)
                    continue;
                int x = CallingConvention.PinnableXmms[nextXmm++];
                registers[local] = (sbyte)x;
                xmmMask |= 1u << x;
            }
            else
            {
                if (nextGpr == CallingConvention.PinnableGprs.Length)
                    continue;
                Gpr r = CallingConvention.PinnableGprs[nextGpr++];
                registers[local] = (sbyte)r;
                gprLocals[(int)r] = (int)local;
                gprMask |= 1u << (int)r;
            }
            pinned.Add(local);
        }
        return new PinnedLocals(registers, written, pinned, gprLocals) { GprMask = gprMask, XmmMask = xmmMask };
    }

    /// <summary>Adds each local's loop-weighted uses and marks written locals; returns the loop-weighted number of calls.</summary>
    private static long Scan(CodeReader reader, long[] uses, bool[] written)
    {
        // One entry per open block: whether it is a loop. The function body's own frame is implicit.
        var loops = new Stack<bool>();
        int loopDepth = 0;
        long calls = 0;
        while (!reader.AtEnd)
        {
            long weight = 1L << (3 * Math.Min(loopDepth, MaxWeightedDepth));
            byte opcode = reader.ReadByte();
            switch (opcode)
            {
                case 0x02 or 0x03 or 0x04:
                    reader.ReadBlockType();
                    loops.Push(opcode == 0x03);
                    loopDepth += opcode == 0x03 ? 1 : 0;
                    break;
                case 0x0B when loops.Count > 0:
                    loopDepth -= loops.Pop() ? 1 : 0;
                    break;
                case 0x20 or 0x21 or 0x22:
                {
                    uint local = reader.ReadU32();
                    uses[local] += weight;
                    written[local] |= opcode != 0x20;
                    break;
                }
                case 0x10 or 0x11:
                    calls += weight;
                    reader.SkipImmediates(opcode);
                    break;
                default:
                    reader.SkipImmediates(opcode);
                    break;
            }
        }
        return calls;
    }
}
