using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hyperlight.Analyzers;

/// <summary>
/// The attributes' usage allows any method, but only interface methods without a body are bound: a
/// marked class or struct method, or a default-implemented interface method, would silently do nothing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MisplacedAttributeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AttributeOutsideInterface);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.TryCreate(start.Compilation) is { } known)
                start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, known), SymbolKind.Method);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, KnownSymbols known)
    {
        // Static interface methods are reported by the static-member rule of the binding interface.
        var method = (IMethodSymbol)context.Symbol;
        if (method.ContainingType is null || (method.ContainingType.TypeKind == TypeKind.Interface && (method.IsAbstract || method.IsStatic)))
            return;

        foreach (var attribute in method.GetAttributes())
        {
            if (known.DirectionOf(attribute) is null)
                continue;
            var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()
                ?? SyntaxLocations.Of(method);
            var name = attribute.AttributeClass!.Name;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AttributeOutsideInterface, location, name.Substring(0, name.Length - "Attribute".Length), SymbolNames.Member(method)));
        }
    }
}
