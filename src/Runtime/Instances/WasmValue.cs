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

    private WasmValue(CoreValueType kind, ulong bits, object? reference)
    {
        Kind = kind;
        _bits = bits;
        _reference = reference;
    }

    public CoreValueType Kind { get; }

    public static WasmValue I32(int value) => new(CoreValueType.I32, (uint)value, null);

    public static WasmValue I64(long value) => new(CoreValueType.I64, unchecked((ulong)value), null);

    public static WasmValue F32(float value) => new(CoreValueType.F32, BitConverter.SingleToUInt32Bits(value), null);

    public static WasmValue F64(double value) => new(CoreValueType.F64, BitConverter.DoubleToUInt64Bits(value), null);

    /// <summary>A funcref; null is <c>ref.null func</c>.</summary>
    public static WasmValue FuncRef(WasmFunctionReference? function) => new(CoreValueType.FuncRef, 0, function);

    /// <summary>An externref holding <paramref name="value"/>; null is <c>ref.null extern</c>.</summary>
    public static WasmValue ExternRef(object? value) => new(CoreValueType.ExternRef, 0, value);

    /// <summary>The zero of a number kind, or the null reference.</summary>
    public static WasmValue Default(CoreValueType kind) => new(kind, 0, null);

    /// <summary>A number of <paramref name="kind"/> from its raw bits (i32/f32 use the low 32).</summary>
    public static WasmValue FromBits(CoreValueType kind, ulong bits) => kind switch
    {
        CoreValueType.I32 or CoreValueType.F32 => new(kind, (uint)bits, null),
        CoreValueType.I64 or CoreValueType.F64 => new(kind, bits, null),
        _ => throw new ArgumentException($"{kind} is a reference kind; it has no bits", nameof(kind)),
    };

    /// <summary>The raw bits of a number (f32/f64 as IEEE bits, so NaN payloads survive).</summary>
    public ulong Bits => IsReference ? throw WrongKind("a number") : _bits;

    public bool IsReference => Kind is CoreValueType.FuncRef or CoreValueType.ExternRef;

    public int AsInt32() => Kind == CoreValueType.I32 ? unchecked((int)(uint)_bits) : throw WrongKind("i32");

    public long AsInt64() => Kind == CoreValueType.I64 ? unchecked((long)_bits) : throw WrongKind("i64");

    public float AsSingle() => Kind == CoreValueType.F32 ? BitConverter.UInt32BitsToSingle((uint)_bits) : throw WrongKind("f32");

    public double AsDouble() => Kind == CoreValueType.F64 ? BitConverter.UInt64BitsToDouble(_bits) : throw WrongKind("f64");

    public WasmFunctionReference? AsFuncRef() => Kind == CoreValueType.FuncRef ? (WasmFunctionReference?)_reference : throw WrongKind("funcref");

    public object? AsExternRef() => Kind == CoreValueType.ExternRef ? _reference : throw WrongKind("externref");

    public bool Equals(WasmValue other) => Kind == other.Kind && _bits == other._bits && ReferenceEquals(_reference, other._reference);

    public override bool Equals(object? obj) => obj is WasmValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _reference is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_reference));

    public static bool operator ==(WasmValue left, WasmValue right) => left.Equals(right);

    public static bool operator !=(WasmValue left, WasmValue right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        CoreValueType.I32 => $"i32 {AsInt32().ToString(CultureInfo.InvariantCulture)}",
        CoreValueType.I64 => $"i64 {AsInt64().ToString(CultureInfo.InvariantCulture)}",
        CoreValueType.F32 => $"f32 {AsSingle().ToString("R", CultureInfo.InvariantCulture)}",
        CoreValueType.F64 => $"f64 {AsDouble().ToString("R", CultureInfo.InvariantCulture)}",
        CoreValueType.FuncRef => _reference is null ? "funcref null" : "funcref",
        _ => _reference is null ? "externref null" : $"externref {_reference}",
    };

    private InvalidCastException WrongKind(string wanted) => new($"The value is {Kind.ToString().ToLowerInvariant()}, not {wanted}");
}
