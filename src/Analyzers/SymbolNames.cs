using Microsoft.CodeAnalysis;

namespace Hyperlight.Analyzers;

/// <summary>How symbols are spelled in messages: short, as the user wrote them.</summary>
internal static class SymbolNames
{
    /// <summary><c>ICalculator.Add</c>: the member with its interface, enough to find it.</summary>
    public static string Member(ISymbol member) => member.ContainingType.Name + "." + member.Name;

    public static string Type(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
