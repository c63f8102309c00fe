using System.Runtime.CompilerServices;

namespace Hyperlight.Wasmtime.Calls;

/// <summary>
/// Converts between a core value and its 8-byte slot form (the call frame's raw slot encoding:
/// i32 and f32 bits zero-extended, i64 and f64 bits as is). The type tests fold away when the JIT
/// specialises a generic invoker for a value type, so each conversion is a plain move.
/// </summary>
internal static class CoreValue
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromRaw<T>(ulong raw)
    {
        if (typeof(T) == typeof(int))
        {
            int value = (int)raw;
            return Unsafe.As<int, T>(ref value);
        }
        if (typeof(T) == typeof(long))
            return Unsafe.As<ulong, T>(ref raw);
        if (typeof(T) == typeof(float))
        {
            float value = BitConverter.Int32BitsToSingle((int)raw);
            return Unsafe.As<float, T>(ref value);
        }
        if (typeof(T) == typeof(double))
            return Unsafe.As<ulong, T>(ref raw);
        throw new NotSupportedException($"{typeof(T)} is not a core Wasm number type.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ToRaw<T>(T value)
    {
        if (typeof(T) == typeof(int))
            return (uint)Unsafe.As<T, int>(ref value);
        if (typeof(T) == typeof(long))
            return Unsafe.As<T, ulong>(ref value);
        if (typeof(T) == typeof(float))
            return (uint)BitConverter.SingleToInt32Bits(Unsafe.As<T, float>(ref value));
        if (typeof(T) == typeof(double))
            return Unsafe.As<T, ulong>(ref value);
        throw new NotSupportedException($"{typeof(T)} is not a core Wasm number type.");
    }
}
