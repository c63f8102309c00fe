using Hyperlight.Wasm.Model;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

internal enum ValueLocation : byte
{
    /// <summary>A compile-time constant in <see cref="StackEntry.Bits"/>.</summary>
    Constant,
    Gpr,
    Xmm,
    /// <summary>In the entry's home slot in the frame.</summary>
    Stack,
    /// <summary>
    /// A local.get of a pinned local, read in place from the local's own register (<see cref="StackEntry.Register"/>;
    /// the local's index in <see cref="StackEntry.Bits"/>). Nobody owns or writes that register
    /// through the entry, and a local.set of the local first copies such entries away.
    /// </summary>
    Local,
}

/// <summary>One value on the compile-time value stack: its Wasm type and where it lives now.</summary>
internal struct StackEntry
{
    public ValueType Type;
    public ValueLocation Location;
    public byte Register;
    public long Bits;

    /// <summary>For an i32 in a general-purpose register: a 32-bit operation wrote it, so its upper half is zero.</summary>
    public bool ZeroExtended;

    public static StackEntry Constant(ValueType type, long bits) => new() { Type = type, Location = ValueLocation.Constant, Bits = bits };

    public static StackEntry InGpr(ValueType type, Gpr register, bool zeroExtended = false) =>
        new() { Type = type, Location = ValueLocation.Gpr, Register = (byte)register, ZeroExtended = zeroExtended };

    public static StackEntry InXmm(ValueType type, int register) => new() { Type = type, Location = ValueLocation.Xmm, Register = (byte)register };

    public static StackEntry OnStack(ValueType type) => new() { Type = type, Location = ValueLocation.Stack };

    public static StackEntry PinnedLocal(ValueType type, byte register, uint local) => new() { Type = type, Location = ValueLocation.Local, Register = register, Bits = local };

    public readonly Gpr Gpr => (Gpr)Register;

    public static bool IsFloat(ValueType type) => type is ValueType.F32 or ValueType.F64;

    /// <summary>i32 and f32 occupy 4 bytes in memory slots; everything else 8.</summary>
    public static bool IsNarrow(ValueType type) => type is ValueType.I32 or ValueType.F32;
}
