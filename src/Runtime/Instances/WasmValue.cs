using System.Globalization;

namespace Hyperlight;

/// <summary>
/// One Wasm value for the untyped API (<see cref="Sandbox.Invoke(string, WasmValue[])"/>, globals):
/// a number held as its bits, or a reference. <c>default</c> is the i32 zero.
/// </summary>
public readonly struct WasmValue : IEquatable<WasmValue>
{
    private readonly ulong _bits;
    private readonly object? _reference;

    private WasmValue(WasmValueKind kind, ulong bits, object? reference)
    {
        Kind = kind;
        _bits = bits;
        _reference = reference;
    }

    public WasmValueKind Kind { get; }

    public static WasmValue I32(int value) => new(WasmValueKind.I32, (uint)value, null);

    public static WasmValue I64(long value) => new(WasmValueKind.I64, unchecked((ulong)value), null);

    public static WasmValue F32(float value) => new(WasmValueKind.F32, BitConverter.SingleToUInt32Bits(value), null);

    public static WasmValue F64(double value) => new(WasmValueKind.F64, BitConverter.DoubleToUInt64Bits(value), null);

    /// <summary>A funcref; null is <c>ref.null func</c>.</summary>
    public static WasmValue FuncRef(WasmFunctionReference? function) => new(WasmValueKind.FuncRef, 0, function);

    /// <summary>An externref holding <paramref name="value"/>; null is <c>ref.null extern</c>.</summary>
    public static WasmValue ExternRef(object? value) => new(WasmValueKind.ExternRef, 0, value);

    /// <summary>The zero of a number kind, or the null reference.</summary>
    public static WasmValue Default(WasmValueKind kind) => new(kind, 0, null);

    /// <summary>A number of <paramref name="kind"/> from its raw bits (i32/f32 use the low 32).</summary>
    public static WasmValue FromBits(WasmValueKind kind, ulong bits) => kind switch
    {
        WasmValueKind.I32 or WasmValueKind.F32 => new(kind, (uint)bits, null),
        WasmValueKind.I64 or WasmValueKind.F64 => new(kind, bits, null),
        _ => throw new ArgumentException($"{kind} is a reference kind; it has no bits", nameof(kind)),
    };

    /// <summary>The raw bits of a number (f32/f64 as IEEE bits, so NaN payloads survive).</summary>
    public ulong Bits => IsReference ? throw WrongKind("a number") : _bits;

    public bool IsReference => Kind is WasmValueKind.FuncRef or WasmValueKind.ExternRef;

    public int AsInt32() => Kind == WasmValueKind.I32 ? unchecked((int)(uint)_bits) : throw WrongKind("i32");

    public long AsInt64() => Kind == WasmValueKind.I64 ? unchecked((long)_bits) : throw WrongKind("i64");

    public float AsSingle() => Kind == WasmValueKind.F32 ? BitConverter.UInt32BitsToSingle((uint)_bits) : throw WrongKind("f32");

    public double AsDouble() => Kind == WasmValueKind.F64 ? BitConverter.UInt64BitsToDouble(_bits) : throw WrongKind("f64");

    public WasmFunctionReference? AsFuncRef() => Kind == WasmValueKind.FuncRef ? (WasmFunctionReference?)_reference : throw WrongKind("funcref");

    public object? AsExternRef() => Kind == WasmValueKind.ExternRef ? _reference : throw WrongKind("externref");

    public bool Equals(WasmValue other) => Kind == other.Kind && _bits == other._bits && ReferenceEquals(_reference, other._reference);

    public override bool Equals(object? obj) => obj is WasmValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _reference is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_reference));

    public static bool operator ==(WasmValue left, WasmValue right) => left.Equals(right);

    public static bool operator !=(WasmValue left, WasmValue right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        WasmValueKind.I32 => $"i32 {AsInt32().ToString(CultureInfo.InvariantCulture)}",
        WasmValueKind.I64 => $"i64 {AsInt64().ToString(CultureInfo.InvariantCulture)}",
        WasmValueKind.F32 => $"f32 {AsSingle().ToString("R", CultureInfo.InvariantCulture)}",
        WasmValueKind.F64 => $"f64 {AsDouble().ToString("R", CultureInfo.InvariantCulture)}",
        WasmValueKind.FuncRef => _reference is null ? "funcref null" : "funcref",
        _ => _reference is null ? "externref null" : $"externref {_reference}",
    };

    private InvalidCastException WrongKind(string wanted) => new($"The value is {Kind.ToString().ToLowerInvariant()}, not {wanted}");
}
