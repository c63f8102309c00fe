using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hyperlight.Analyzers;

/// <summary>
/// Rules about one bound method's signature: every value must have a mapping onto the call frame
/// (DESIGN.md §3), travel by copy, and fit the frame's slots.
/// </summary>
internal static class MethodSignatureRules
{
    /// <summary>
    /// The call frame's value slots (Hyperlight.CallFrameLayout.MaxSlots). Guest calls use one slot per
    /// parameter; host calls from a micro-VM guest arrive flattened, one slot per core parameter of the import.
    /// </summary>
    private const int CallFrameSlots = 32;

    public static void Check(BindingMethod method, KnownSymbols known, SymbolAnalysisContext context)
    {
        var symbol = method.Symbol;
        if (symbol.IsGenericMethod)
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.GenericMethod, SyntaxLocations.Of(symbol), SymbolNames.Member(symbol)));

        CheckReturnType(symbol, known, context);
        var values = CheckParameters(method, known, context);

        // A host import returning a string or bytes takes one more core parameter: the return-area pointer.
        var isHost = method.Direction == BindingDirection.Host;
        if (isHost && !symbol.ReturnsVoid && ValueKinds.Classify(symbol.ReturnType, known) == ValueKind.Sequence)
            values++;

        if (values > CallFrameSlots)
        {
            var what = isHost
                ? "core values (a string or byte parameter counts twice, a string or byte[] result once)"
                : "value parameters";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.TooManyParameters, SyntaxLocations.Of(symbol), SymbolNames.Member(symbol), values, what, CallFrameSlots));
        }
    }

    private static void CheckReturnType(IMethodSymbol symbol, KnownSymbols known, SymbolAnalysisContext context)
    {
        if (symbol.ReturnsVoid)
            return;

        // A result is copied out of the call frame; a reference into it would dangle.
        var byReference = symbol.ReturnsByRef || symbol.ReturnsByRefReadonly;
        var kind = ValueKinds.Classify(symbol.ReturnType, known);
        if (!byReference && kind is ValueKind.Scalar or ValueKind.Sequence or ValueKind.Error)
            return;

        var location = SyntaxLocations.ReturnType(symbol, context.CancellationToken);
        var type = (symbol.ReturnsByRefReadonly ? "ref readonly " : symbol.ReturnsByRef ? "ref " : "") + SymbolNames.Type(symbol.ReturnType);
        context.ReportDiagnostic(kind == ValueKind.Awaitable
            ? Diagnostic.Create(Descriptors.AsyncReturnType, location, SymbolNames.Member(symbol), type)
            : Diagnostic.Create(Descriptors.UnsupportedReturnType, location, SymbolNames.Member(symbol), type, ValueKinds.SupportedResults));
    }

    /// <summary>Reports bad parameters and returns how many call-frame slots the arguments take.</summary>
    private static int CheckParameters(BindingMethod method, KnownSymbols known, SymbolAnalysisContext context)
    {
        var symbol = method.Symbol;
        var cancellationToken = context.CancellationToken;
        var sawCancellationToken = false;
        var values = 0;

        foreach (var parameter in symbol.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                var (location, modifiers) = SyntaxLocations.ParameterModifiers(parameter, cancellationToken);
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ParameterModifier, location, parameter.Name, SymbolNames.Member(symbol), modifiers));
            }

            var kind = ValueKinds.Classify(parameter.Type, known);
            switch (kind)
            {
                case ValueKind.CancellationToken when method.Direction == BindingDirection.Host:
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.CancellationTokenInHostFunction, SyntaxLocations.Parameter(parameter, cancellationToken), SymbolNames.Member(symbol), parameter.Name));
                    continue;
                case ValueKind.CancellationToken when sawCancellationToken:
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.MultipleCancellationTokens, SyntaxLocations.Parameter(parameter, cancellationToken), SymbolNames.Member(symbol), parameter.Name));
                    continue;
                case ValueKind.CancellationToken:
                    sawCancellationToken = true;
                    continue; // Passed to Invoke, not through a slot.
                case ValueKind.Unsupported or ValueKind.Awaitable:
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.UnsupportedParameterType,
                        SyntaxLocations.ParameterType(parameter, cancellationToken),
                        parameter.Name,
                        SymbolNames.Member(symbol),
                        SymbolNames.Type(parameter.Type),
                        ValueKinds.SupportedParameters));
                    break;
            }

            values += method.Direction == BindingDirection.Host && kind is ValueKind.Sequence or ValueKind.BorrowedBytes ? 2 : 1;
        }
        return values;
    }
}
