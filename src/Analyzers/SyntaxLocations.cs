using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Hyperlight.Analyzers;

/// <summary>
/// Narrow locations for diagnostics (the offending type or modifier, not the whole declaration),
/// falling back to the symbol's own location when there is no source syntax.
/// </summary>
internal static class SyntaxLocations
{
    public static Location ReturnType(IMethodSymbol method, CancellationToken cancellationToken) =>
        Declaration<MethodDeclarationSyntax>(method, cancellationToken)?.ReturnType.GetLocation() ?? Of(method);

    public static Location ParameterType(IParameterSymbol parameter, CancellationToken cancellationToken) =>
        Declaration<ParameterSyntax>(parameter, cancellationToken)?.Type?.GetLocation() ?? Of(parameter);

    public static Location Parameter(IParameterSymbol parameter, CancellationToken cancellationToken) =>
        Declaration<ParameterSyntax>(parameter, cancellationToken)?.GetLocation() ?? Of(parameter);

    /// <summary>The span of the by-reference or params modifiers, and their text (such as <c>ref readonly</c>).</summary>
    public static (Location Location, string Text) ParameterModifiers(IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        var syntax = Declaration<ParameterSyntax>(parameter, cancellationToken);
        var modifiers = syntax?.Modifiers.Where(IsValueChangingModifier).ToArray();
        if (syntax is null || modifiers is null || modifiers.Length == 0)
            return (Of(parameter), parameter.RefKind.ToString().ToLowerInvariant());

        var span = TextSpan.FromBounds(modifiers[0].SpanStart, modifiers[modifiers.Length - 1].Span.End);
        return (Location.Create(syntax.SyntaxTree, span), string.Join(" ", modifiers.Select(m => m.Text)));
    }

    /// <summary>True for the modifiers that make a parameter something other than a plain value.</summary>
    public static bool IsValueChangingModifier(SyntaxToken modifier) =>
        modifier.Kind() is SyntaxKind.RefKeyword or SyntaxKind.OutKeyword or SyntaxKind.InKeyword
            or SyntaxKind.ReadOnlyKeyword or SyntaxKind.ParamsKeyword;

    /// <summary>True when some declaration of <paramref name="type"/> says <c>partial</c>.</summary>
    public static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }
        return false;
    }

    public static Location Of(ISymbol symbol) => symbol.Locations.FirstOrDefault() ?? Location.None;

    private static T? Declaration<T>(ISymbol symbol, CancellationToken cancellationToken)
        where T : SyntaxNode =>
        symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as T;
}
