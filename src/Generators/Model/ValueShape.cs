namespace Hyperlight.Generators.Model;

/// <summary>The C# form a value takes, which decides how it is read from and written to a call frame.</summary>
internal enum ValueShape
{
    /// <summary>A primitive (or <c>void</c>) whose <see cref="AbiKind"/> says it all.</summary>
    Primitive,

    /// <summary>An enum, carried as its underlying primitive.</summary>
    Enum,

    ByteArray,
    ReadOnlySpanOfByte,
    ReadOnlyMemoryOfByte,
}
