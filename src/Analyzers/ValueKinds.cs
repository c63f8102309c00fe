using Microsoft.CodeAnalysis;

namespace Hyperlight.Analyzers;

/// <summary>Classifies parameter and return types of binding functions.</summary>
internal static class ValueKinds
{
    /// <summary>The parameter types a binding function accepts, for messages.</summary>
    public const string SupportedParameters =
        "bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, string, byte[], ReadOnlySpan<byte>, ReadOnlyMemory<byte>, or an enum";

    /// <summary>The result types a binding function may return, for messages.</summary>
    public const string SupportedResults =
        "void, bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, string, byte[], or an enum";

    public static ValueKind Classify(ITypeSymbol type, KnownSymbols known)
    {
        switch (type)
        {
            case { TypeKind: TypeKind.Error }:
                return ValueKind.Error;
            case { TypeKind: TypeKind.Enum }:
                // Every C# enum has an integer underlying type, and all of them are supported.
                return ValueKind.Scalar;
            case IArrayTypeSymbol { IsSZArray: true, ElementType.SpecialType: SpecialType.System_Byte }:
                return ValueKind.Sequence;
            case INamedTypeSymbol named:
                return ClassifyNamed(named, known);
            default:
                return ValueKind.Unsupported;
        }
    }

    private static ValueKind ClassifyNamed(INamedTypeSymbol type, KnownSymbols known)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
                return ValueKind.Scalar;
            case SpecialType.System_String:
                return ValueKind.Sequence;
        }

        var definition = type.OriginalDefinition;
        if (Is(definition, known.CancellationToken))
            return ValueKind.CancellationToken;
        if (Is(definition, known.Task) || Is(definition, known.TaskOfT) || Is(definition, known.ValueTask) || Is(definition, known.ValueTaskOfT))
            return ValueKind.Awaitable;
        if ((Is(definition, known.ReadOnlySpan) || Is(definition, known.ReadOnlyMemory))
            && type.TypeArguments[0].SpecialType == SpecialType.System_Byte)
        {
            return ValueKind.BorrowedBytes;
        }
        return ValueKind.Unsupported;
    }

    private static bool Is(INamedTypeSymbol definition, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(definition, known);
}
