using System.Collections.Generic;
using Hyperlight.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Hyperlight.Generators.Parsing;

/// <summary>Turns one interface method into a <see cref="FunctionModel"/>, or rejects it.</summary>
internal static class FunctionParser
{
    /// <summary>Slots a call frame has (<c>CallFrameLayout.MaxSlots</c>); a method needing more cannot be called.</summary>
    public const int MaxSlots = 32;

    /// <summary>
    /// The model of <paramref name="method"/>, or null when it cannot be bound: generic, by-ref or params
    /// parameters or result, unsupported types, too many parameters, or a CancellationToken where
    /// the protocol has no place for one (host functions, or a second one). Same rules as the
    /// analyzers' MethodSignatureRules, which explain each rejection to the user.
    /// </summary>
    public static FunctionModel? TryParse(IMethodSymbol method, BindingKind kind, string importExportName)
    {
        if (method.IsGenericMethod || method.ReturnsByRef || method.ReturnsByRefReadonly)
            return null;

        ValueModel? result = ValueTypeParser.Result(method.ReturnType);
        if (result is null)
            return null;

        var parameters = new List<ParameterModel>(method.Parameters.Length);
        string? cancellationTokenName = null;
        int cancellationTokenIndex = -1;
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
                return null;

            string name = SymbolNames.EscapeIdentifier(parameter.Name);
            if (ValueTypeParser.IsCancellationToken(parameter.Type))
            {
                if (kind != BindingKind.Guest || cancellationTokenName is not null)
                    return null;
                cancellationTokenName = name;
                cancellationTokenIndex = parameter.Ordinal;
                continue;
            }

            ValueModel? type = ValueTypeParser.Parameter(parameter.Type);
            if (type is null)
                return null;
            parameters.Add(new ParameterModel(name, type));
        }

        if (parameters.Count > MaxSlots)
            return null;

        return new FunctionModel(
            importExportName,
            method.Name,
            SymbolNames.EscapeIdentifier(method.Name),
            result,
            new EquatableArray<ParameterModel>(parameters.ToArray()),
            cancellationTokenName,
            cancellationTokenIndex);
    }
}
