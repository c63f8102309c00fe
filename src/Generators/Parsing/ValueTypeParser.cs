using Hyperlight.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Hyperlight.Generators.Parsing;

/// <summary>Maps C# parameter and result types onto the binding protocol's value types (DESIGN.md §3).</summary>
internal static class ValueTypeParser
{
    /// <summary>The model of a parameter type, or null when the protocol cannot carry it.</summary>
    public static ValueModel? Parameter(ITypeSymbol type) => Classify(type, allowSpans: true);

    /// <summary>The model of a result type (void included), or null when the protocol cannot return it.</summary>
    public static ValueModel? Result(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Void ? ValueModel.Void : Classify(type, allowSpans: false);

    public static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken", Arity: 0 } named
        && IsNamespace(named.ContainingNamespace, "System", "Threading");

    private static ValueModel? Classify(ITypeSymbol type, bool allowSpans)
    {
        string typeName = type.ToDisplayString(SymbolNames.TypeFormat);
        if (PrimitiveKind(type.SpecialType) is { } primitive)
            return new ValueModel(primitive, ValueShape.Primitive, typeName);

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying }
            && PrimitiveKind(underlying.SpecialType) is { } enumKind)
        {
            return new ValueModel(enumKind, ValueShape.Enum, typeName);
        }

        if (type is IArrayTypeSymbol { IsSZArray: true, ElementType.SpecialType: SpecialType.System_Byte })
            return new ValueModel(AbiKind.Bytes, ValueShape.ByteArray, typeName);

        if (allowSpans && type is INamedTypeSymbol { Arity: 1 } generic
            && generic.TypeArguments[0].SpecialType == SpecialType.System_Byte
            && IsNamespace(generic.ContainingNamespace, "System"))
        {
            if (generic.Name == "ReadOnlySpan")
                return new ValueModel(AbiKind.Bytes, ValueShape.ReadOnlySpanOfByte, typeName);
            if (generic.Name == "ReadOnlyMemory")
                return new ValueModel(AbiKind.Bytes, ValueShape.ReadOnlyMemoryOfByte, typeName);
        }

        return null;
    }

    private static AbiKind? PrimitiveKind(SpecialType type) => type switch
    {
        SpecialType.System_Boolean => AbiKind.Bool,
        SpecialType.System_SByte => AbiKind.SByte,
        SpecialType.System_Byte => AbiKind.Byte,
        SpecialType.System_Int16 => AbiKind.Int16,
        SpecialType.System_UInt16 => AbiKind.UInt16,
        SpecialType.System_Int32 => AbiKind.Int32,
        SpecialType.System_UInt32 => AbiKind.UInt32,
        SpecialType.System_Int64 => AbiKind.Int64,
        SpecialType.System_UInt64 => AbiKind.UInt64,
        SpecialType.System_Single => AbiKind.Single,
        SpecialType.System_Double => AbiKind.Double,
        SpecialType.System_String => AbiKind.String,
        _ => null,
    };

    /// <summary>True when <paramref name="ns"/> is exactly the namespace spelled by <paramref name="parts"/>.</summary>
    private static bool IsNamespace(INamespaceSymbol? ns, params string[] parts)
    {
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            if (ns is null || ns.IsGlobalNamespace || ns.Name != parts[i])
                return false;
            ns = ns.ContainingNamespace;
        }
        return ns is { IsGlobalNamespace: true };
    }
}
