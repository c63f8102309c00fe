
namespace Hyperlight.Wasm.Tests.Differential;

/// <summary>Boundary values per core type, as raw bits: the inputs every corpus export is called with.</summary>
internal static class EdgeValues
{
    public static readonly ulong[] I32 =
    [
        .. new[] { 0, 1, 2, -1, -2, 7, 31, 32, 33, 100, -100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x55555555, int.MinValue, int.MaxValue, int.MinValue + 1 }
            .Select(v => (ulong)(uint)v),
    ];

    public static readonly ulong[] I64 =
    [
        .. new[] { 0L, 1, 2, -1, -2, 63, 64, 65, 100, -100, int.MinValue, int.MaxValue, uint.MaxValue, 0x123456789ABCDEF0, long.MinValue, long.MaxValue, long.MinValue + 1 }
            .Select(v => (ulong)v),
    ];

    public static readonly ulong[] F32 =
    [
        .. new[]
        {
            0f, -0f, 1f, -1f, 0.5f, -0.5f, 1.5f, 2.5f, -2.5f, 3.5f, 0.49999997f, float.NaN, float.PositiveInfinity, float.NegativeInfinity,
            float.MaxValue, float.Epsilon, -float.Epsilon, 2147483648f, -2147483648f, 2147483520f, -2147483904f, 4294967296f, 4294967040f,
            9.223372e18f, -9.223372e18f, 1.8446743e19f, 1.8446744e19f, 123456.789f, -1e-40f,
        }.Select(v => (ulong)BitConverter.SingleToUInt32Bits(v)),
        0x7FA00000, // signalling NaN
        0xFFC00001, // negative NaN with payload
    ];

    public static readonly ulong[] F64 =
    [
        .. new[]
        {
            0d, -0d, 1d, -1d, 0.5, -0.5, 1.5, 2.5, -2.5, 3.5, 0.49999999999999994, double.NaN, double.PositiveInfinity, double.NegativeInfinity,
            double.MaxValue, double.Epsilon, 2147483647.9, -2147483648.9, 2147483648d, -2147483649d, 4294967295.9, 4294967296d, -0.9999,
            9223372036854775807d, 9223372036854774784d, -9223372036854775808d, -9223372036854777856d, 18446744073709549568d, 18446744073709551616d, 1e300, -1e-310,
        }.Select(BitConverter.DoubleToUInt64Bits),
        0x7FF4000000000000, // signalling NaN
    ];

    public static ulong[] For(CoreValueType type) => type switch
    {
        CoreValueType.I32 => I32,
        CoreValueType.I64 => I64,
        CoreValueType.F32 => F32,
        _ => F64,
    };

    /// <summary>
    /// Argument vectors for a signature: the full cartesian product of the edge values when it is
    /// small, otherwise a seeded sample of it (deterministic, so a failure reproduces).
    /// </summary>
    public static IEnumerable<ulong[]> Vectors(IReadOnlyList<CoreValueType> parameters, int limit = 600)
    {
        if (parameters.Count == 0)
        {
            yield return [];
            yield break;
        }
        ulong[][] choices = [.. parameters.Select(For)];
        long total = choices.Aggregate(1L, (n, c) => n * c.Length);
        if (total <= limit)
        {
            for (long i = 0; i < total; i++)
            {
                var vector = new ulong[choices.Length];
                long rest = i;
                for (int p = 0; p < choices.Length; p++)
                {
                    vector[p] = choices[p][rest % choices[p].Length];
                    rest /= choices[p].Length;
                }
                yield return vector;
            }
            yield break;
        }
        var random = new Random(parameters.Count * 7919);
        for (int i = 0; i < limit; i++)
            yield return [.. choices.Select(c => c[random.Next(c.Length)])];
    }
}
