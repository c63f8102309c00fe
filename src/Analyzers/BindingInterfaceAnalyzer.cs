using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hyperlight.Analyzers;

/// <summary>
/// Checks every interface carrying [GuestFunction] or [HostFunction] (on itself or a method) for
/// what the binding generator cannot implement. One symbol action per named type; nothing is scanned
/// compilation-wide.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BindingInterfaceAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.InterfaceNotPartial,
        Descriptors.ContainingTypeNotPartial,
        Descriptors.ConflictingDirections,
        Descriptors.GenericInterface,
        Descriptors.OverloadedMethod,
        Descriptors.DuplicateBindingName,
        Descriptors.NonMethodMember,
        Descriptors.StaticMember,
        Descriptors.UnsupportedParameterType,
        Descriptors.UnsupportedReturnType,
        Descriptors.AsyncReturnType,
        Descriptors.ParameterModifier,
        Descriptors.CancellationTokenInHostFunction,
        Descriptors.MultipleCancellationTokens,
        Descriptors.TooManyParameters,
        Descriptors.GenericMethod,
        Descriptors.NestedInGenericType,
        Descriptors.FileLocalInterface,
        Descriptors.UnmarkedGuestMethod,
        Descriptors.InheritedGuestMembers);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownSymbols.TryCreate(start.Compilation) is { } known)
                start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, known), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, KnownSymbols known)
    {
        if (context.Symbol is not INamedTypeSymbol type || BindingInterface.TryCreate(type, known) is not { } binding)
            return;

        InterfaceShapeRules.Check(binding, known, context);
        foreach (var method in binding.Methods)
            MethodSignatureRules.Check(method, known, context);
    }
}
