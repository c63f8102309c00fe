using System.Runtime.InteropServices;
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

    // One instance serves every function of a module, so the per-local arrays are sized for the
    // largest function so far and only their first entries (this function's locals) are reset:
    // building them afresh for each of hundreds of functions was a third of a compile's allocation.
    private long[] _uses = [];
    private bool[] _written = [];
    private sbyte[] _registers = [];

    // The local pinned to each general-purpose register, or -1.
    private readonly int[] _gprLocals = new int[16];

    private readonly List<uint> _locals = [];
    private readonly List<(uint Local, long Gain)> _candidates = [];

    // One entry per open block of the scan: whether it is a loop. The function body's own frame is implicit.
    private readonly Stack<bool> _openBlocks = new();

    /// <summary>The pinned locals of the last function chosen for, by index.</summary>
    public ReadOnlySpan<uint> Locals => CollectionsMarshal.AsSpan(_locals);

    /// <summary>Bit set of the general-purpose registers holding pinned locals.</summary>
    public uint GprMask { get; private set; }

    /// <summary>Bit set of the XMM registers holding pinned locals.</summary>
    public uint XmmMask { get; private set; }

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

    /// <summary>
    /// Scans the body at <paramref name="reader"/> (a copy, read to the end) and picks the locals
    /// of <paramref name="localTypes"/> to pin, replacing the choice made for the previous function.
    /// </summary>
    public void Choose(CodeReader reader, ReadOnlySpan<ValueType> localTypes)
    {
        Reset(localTypes.Length);
        long calls = Scan(reader);

        for (uint local = 0; local < localTypes.Length; local++)
        {
            long gain = _uses[local] - (calls * (_written[local] ? 2 : 1));
            if (gain >= MinimumGain)
                _candidates.Add((local, gain));
        }
        _candidates.Sort(static (a, b) => b.Gain != a.Gain ? b.Gain.CompareTo(a.Gain) : a.Local.CompareTo(b.Local));

        int nextGpr = 0, nextXmm = 0;
        uint gprMask = 0, xmmMask = 0;
        foreach (var (local, _) in _candidates)
        {
            if (StackEntry.IsFloat(localTypes[(int)local]))
            {
                if (nextXmm == CallingConvention.PinnableXmms.Length)
                    continue;
                int x = CallingConvention.PinnableXmms[nextXmm++];
                _registers[local] = (sbyte)x;
                xmmMask |= 1u << x;
            }
            else
            {
                if (nextGpr == CallingConvention.PinnableGprs.Length)
                    continue;
                Gpr r = CallingConvention.PinnableGprs[nextGpr++];
                _registers[local] = (sbyte)r;
                _gprLocals[(int)r] = (int)local;
                gprMask |= 1u << (int)r;
            }
            _locals.Add(local);
        }
        GprMask = gprMask;
        XmmMask = xmmMask;
    }

    private void Reset(int localCount)
    {
        if (_uses.Length < localCount)
        {
            int size = Math.Max(localCount, 2 * _uses.Length);
            _uses = new long[size];
            _written = new bool[size];
            _registers = new sbyte[size];
        }
        Array.Clear(_uses, 0, localCount);
        Array.Clear(_written, 0, localCount);
        Array.Fill(_registers, (sbyte)-1, 0, localCount);
        Array.Fill(_gprLocals, -1);
        _locals.Clear();
        _candidates.Clear();
        _openBlocks.Clear();
    }

    /// <summary>Adds each local's loop-weighted uses and marks written locals; returns the loop-weighted number of calls.</summary>
    private long Scan(CodeReader reader)
    {
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
                    _openBlocks.Push(opcode == 0x03);
                    loopDepth += opcode == 0x03 ? 1 : 0;
                    break;
                case 0x0B when _openBlocks.Count > 0:
                    loopDepth -= _openBlocks.Pop() ? 1 : 0;
                    break;
                case 0x20 or 0x21 or 0x22:
                {
                    uint local = reader.ReadU32();
                    _uses[local] += weight;
                    _written[local] |= opcode != 0x20;
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
