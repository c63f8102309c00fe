using System.Globalization;
using Hyperlight.Generators.Model;

namespace Hyperlight.Generators.Emitting;

/// <summary>
/// The C# expressions that move one value in and out of a call-frame slot, per the value mapping of
/// the binding protocol: small integers and bool widen to i32, unsigned values are reinterpreted
/// (never checked), reads narrow with an unchecked cast (the canonical ABI wraps), enums travel as
/// their underlying type, strings and bytes go through the payload area.
/// </summary>
internal static class ValueMarshaller
{
    /// <summary>A statement-expression writing <paramref name="value"/> into <paramref name="slot"/> of <paramref name="frame"/>.</summary>
    public static string Write(string frame, int slot, ValueModel type, string value)
    {
        string slotText = slot.ToString(CultureInfo.InvariantCulture);
        if (type.Shape == ValueShape.Enum)
            value = "(" + Keyword(type.Kind) + ")" + value;

        return type.Kind switch
        {
            AbiKind.Bool => $"{frame}.SetInt32({slotText}, {value} ? 1 : 0)",
            AbiKind.UInt32 => $"{frame}.SetInt32({slotText}, unchecked((int){value}))",
            AbiKind.Int64 => $"{frame}.SetInt64({slotText}, {value})",
            AbiKind.UInt64 => $"{frame}.SetInt64({slotText}, unchecked((long){value}))",
            AbiKind.Single => $"{frame}.SetSingle({slotText}, {value})",
            AbiKind.Double => $"{frame}.SetDouble({slotText}, {value})",
            AbiKind.String => $"{frame}.SetString({slotText}, {value})",
            AbiKind.Bytes when type.Shape == ValueShape.ReadOnlyMemoryOfByte => $"{frame}.SetBytes({slotText}, {value}.Span)",
            AbiKind.Bytes => $"{frame}.SetBytes({slotText}, {value})",
            // sbyte, byte, short, ushort and int convert implicitly (sign- or zero-extended) to int.
            _ => $"{frame}.SetInt32({slotText}, {value})",
        };
    }

    /// <summary>An expression reading slot <paramref name="slot"/> of <paramref name="frame"/> as <paramref name="type"/>.</summary>
    public static string Read(string frame, int slot, ValueModel type)
    {
        string slotText = slot.ToString(CultureInfo.InvariantCulture);
        string read = type.Kind switch
        {
            AbiKind.Bool => $"{frame}.GetInt32({slotText}) != 0",
            AbiKind.SByte or AbiKind.Byte or AbiKind.Int16 or AbiKind.UInt16 or AbiKind.UInt32
                => $"unchecked(({Keyword(type.Kind)}){frame}.GetInt32({slotText}))",
            AbiKind.Int32 => $"{frame}.GetInt32({slotText})",
            AbiKind.Int64 => $"{frame}.GetInt64({slotText})",
            AbiKind.UInt64 => $"unchecked((ulong){frame}.GetInt64({slotText}))",
            AbiKind.Single => $"{frame}.GetSingle({slotText})",
            AbiKind.Double => $"{frame}.GetDouble({slotText})",
            AbiKind.String => $"{frame}.GetString({slotText})",
            // Spans view the frame's payload directly: no copy for host functions that only read.
            AbiKind.Bytes when type.Shape == ValueShape.ReadOnlySpanOfByte => $"{frame}.GetBytesSpan({slotText})",
            // byte[] and ReadOnlyMemory<byte> outlive the call, so they need their own copy.
            _ => $"{frame}.GetBytes({slotText})",
        };
        return type.Shape == ValueShape.Enum ? $"({type.TypeName})({read})" : read;
    }

    /// <summary>The C# keyword of an integer kind (an enum's underlying type).</summary>
    private static string Keyword(AbiKind kind) => kind switch
    {
        AbiKind.SByte => "sbyte",
        AbiKind.Byte => "byte",
        AbiKind.Int16 => "short",
        AbiKind.UInt16 => "ushort",
        AbiKind.Int32 => "int",
        AbiKind.UInt32 => "uint",
        AbiKind.Int64 => "long",
        AbiKind.UInt64 => "ulong",
        _ => kind.ToString(),
    };
}
