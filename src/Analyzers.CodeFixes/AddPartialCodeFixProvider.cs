using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hyperlight.Analyzers.CodeFixes;

/// <summary>
/// HL0001: makes the binding interface partial. HL0002: makes every type enclosing it partial, so the
/// generator can reopen the whole nesting chain.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialCodeFixProvider)), Shared]
public sealed class AddPartialCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.InterfaceNotPartial, DiagnosticIds.ContainingTypeNotPartial);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var declaration = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<InterfaceDeclarationSyntax>().FirstOrDefault();
            if (root is null || declaration is null)
                continue;

            var (title, targets) = diagnostic.Id == DiagnosticIds.InterfaceNotPartial
                ? ($"Make '{declaration.Identifier.Text}' partial", new TypeDeclarationSyntax[] { declaration })
                : ("Make the enclosing types partial", declaration.Ancestors().OfType<TypeDeclarationSyntax>().Where(t => !PartialModifier.IsPresent(t)).ToArray());
            if (targets.Length == 0)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    cancellationToken => Task.FromResult(context.Document.WithSyntaxRoot(AddPartial(root, targets, cancellationToken))),
                    equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    // ReplaceNodes hands nested targets over already rewritten, so enclosing types keep the inner fixes.
    private static SyntaxNode AddPartial(SyntaxNode root, TypeDeclarationSyntax[] targets, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return root.ReplaceNodes(targets, (_, rewritten) => PartialModifier.Add((TypeDeclarationSyntax)rewritten));
    }
}
