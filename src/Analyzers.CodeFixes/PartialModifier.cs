using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hyperlight.Analyzers.CodeFixes;

/// <summary>Adds <c>partial</c> to a type declaration, keeping its layout.</summary>
internal static class PartialModifier
{
    public static bool IsPresent(TypeDeclarationSyntax declaration) =>
        declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary><c>partial</c> goes last among the modifiers, right before the type keyword.</summary>
    public static TypeDeclarationSyntax Add(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Count > 0)
        {
            var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            return declaration.WithModifiers(declaration.Modifiers.Add(partial));
        }

        // Without modifiers the keyword carries the declaration's indentation: hand it to 'partial'.
        var keyword = declaration.Keyword;
        var leading = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return declaration
            .WithKeyword(keyword.WithLeadingTrivia(SyntaxTriviaList.Empty))
            .WithModifiers(SyntaxFactory.TokenList(leading));
    }
}
