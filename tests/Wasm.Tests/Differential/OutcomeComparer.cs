using Hyperlight.Wasm.Tests.Compiler.Harness;

namespace Hyperlight.Wasm.Tests.Differential;

/// <summary>
/// Equality of outcomes as the spec allows: traps must be the same kind; results bit-for-bit,
/// except that any NaN equals any NaN (the spec leaves NaN sign and payload of arithmetic results
/// nondeterministic).
/// </summary>
internal static class OutcomeComparer
{
    public static bool Same(CallOutcome ours, CallOutcome reference, IReadOnlyList<CoreValueType> resultTypes)
    {
        if (ours.Trap is not null || reference.Trap is not null)
            return ours.Trap == reference.Trap;
        if (ours.Results.Length != reference.Results.Length)
            return false;
        for (int i = 0; i < ours.Results.Length; i++)
        {
            ulong a = ours.Results[i], b = reference.Results[i];
            bool equal = resultTypes[i] switch
            {
                CoreValueType.F32 => a == b || (float.IsNaN(BitConverter.UInt32BitsToSingle((uint)a)) && float.IsNaN(BitConverter.UInt32BitsToSingle((uint)b)) && a <= uint.MaxValue),
                CoreValueType.F64 => a == b || (double.IsNaN(BitConverter.UInt64BitsToDouble(a)) && double.IsNaN(BitConverter.UInt64BitsToDouble(b))),
                _ => a == b,
            };
            if (!equal)
                return false;
        }
        return true;
    }
}
