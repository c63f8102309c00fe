using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hyperlight.Analyzers.CodeFixes;

/// <summary>
/// HL0008: drops <c>ref</c>, <c>in</c>, <c>ref readonly</c> or <c>params</c>, which leaves the same value
/// passed by copy. Not offered for <c>out</c>: there the value is a result, and the right fix is to
/// return it, which only the author can decide.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveParameterModifierCodeFixProvider)), Shared]
public sealed class RemoveParameterModifierCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ParameterModifier);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var parameter = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<ParameterSyntax>().FirstOrDefault();
            if (root is null || parameter is null || parameter.Modifiers.Any(SyntaxKind.OutKeyword))
                continue;

            var removed = string.Join(" ", parameter.Modifiers.Where(SyntaxLocations.IsValueChangingModifier).Select(m => m.Text));
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Remove '{removed}'",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(parameter, WithoutModifiers(parameter)))),
                    equivalenceKey: DiagnosticIds.ParameterModifier),
                diagnostic);
        }
    }

    private static ParameterSyntax WithoutModifiers(ParameterSyntax parameter)
    {
        var kept = SyntaxFactory.TokenList(parameter.Modifiers.Where(m => !SyntaxLocations.IsValueChangingModifier(m)));
        // A removed first modifier took the parameter's leading trivia (a line break, indentation) with it.
        return parameter.WithModifiers(kept).WithLeadingTrivia(parameter.GetLeadingTrivia());
    }
}
