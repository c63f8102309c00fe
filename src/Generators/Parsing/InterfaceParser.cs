using System.Collections.Generic;
using System.Threading;
using Hyperlight.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hyperlight.Generators.Parsing;

/// <summary>
/// Builds the <see cref="InterfaceModel"/> of the interface an attribute is on (or whose method it is on).
/// Returns null for anything the generator cannot extend: the analyzers report those cases.
/// </summary>
internal static class InterfaceParser
{
    public static InterfaceModel? Parse(GeneratorAttributeSyntaxContext context, BindingKind kind, CancellationToken cancellationToken)
    {
        INamedTypeSymbol? type = context.TargetSymbol switch
        {
            INamedTypeSymbol { TypeKind: TypeKind.Interface } declared => declared,
            IMethodSymbol { ContainingType: { TypeKind: TypeKind.Interface } containing } => containing,
            _ => null,
        };
        if (type is null || !CanExtend(type, cancellationToken))
            return null;

        List<ContainingTypeModel>? containingTypes = ParseContainingTypes(type, cancellationToken);
        if (containingTypes is null)
            return null;

        AttributeData? interfaceAttribute = AttributeNames.Find(type, kind);
        var functions = new List<FunctionModel>();
        var unbound = new List<UnboundMethodModel>();
        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, IsAbstract: true } method)
                continue;

            AttributeData? methodAttribute = AttributeNames.Find(method, kind);
            FunctionModel? function = interfaceAttribute is null && methodAttribute is null
                ? null
                : FunctionParser.TryParse(method, kind, NameOverride(methodAttribute) ?? method.Name);
            if (function is not null)
                functions.Add(function);
            else
                unbound.Add(new UnboundMethodModel(method.ToDisplayString(SymbolNames.ExplicitImplementationFormat), method.ToDisplayString()));
        }

        string displayName = type.ToDisplayString();
        return new InterfaceModel(
            kind,
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(SymbolNames.NamespaceFormat) : "",
            new EquatableArray<ContainingTypeModel>(containingTypes.ToArray()),
            SymbolNames.Accessibility(type.DeclaredAccessibility),
            SymbolNames.EscapeIdentifier(type.Name),
            type.ToDisplayString(SymbolNames.TypeFormat),
            displayName,
            kind == BindingKind.Host ? ModuleOf(interfaceAttribute) : "",
            new EquatableArray<FunctionModel>(functions.ToArray()),
            // Host interfaces have no proxy, so methods they cannot bind need no stubs.
            kind == BindingKind.Guest ? new EquatableArray<UnboundMethodModel>(unbound.ToArray()) : EquatableArray<UnboundMethodModel>.Empty,
            HintNames.For(displayName, kind));
    }

    /// <summary>The generator adds a partial declaration, so the interface and every enclosing type must be partial, non-generic and not file-local.</summary>
    private static bool CanExtend(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.Arity != 0 || current.IsFileLocal || !IsPartialEverywhere(current, cancellationToken))
                return false;
        }
        return true;
    }

    private static bool IsPartialEverywhere(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.DeclaringSyntaxReferences.IsEmpty)
            return false;
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration
                || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The enclosing types, outermost first; null if one of them cannot be re-opened.</summary>
    private static List<ContainingTypeModel>? ParseContainingTypes(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var result = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? current = type.ContainingType; current is not null; current = current.ContainingType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? keyword = current.TypeKind switch
            {
                TypeKind.Class => current.IsRecord ? "record" : "class",
                TypeKind.Struct => current.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => null,
            };
            if (keyword is null)
                return null;
            string accessibility = SymbolNames.Accessibility(current.DeclaredAccessibility);
            // 'ref' must be repeated on every part of a partial struct; repeating 'readonly' keeps the parts alike.
            string modifiers = accessibility
                + (current.IsReadOnly && current.TypeKind == TypeKind.Struct ? " readonly" : "")
                + (current.IsRefLikeType ? " ref" : "");
            result.Insert(0, new ContainingTypeModel(modifiers.TrimStart(), keyword, SymbolNames.EscapeIdentifier(current.Name)));
        }
        return result;
    }

    /// <summary>The export/import name a method-level attribute gives, if any.</summary>
    private static string? NameOverride(AttributeData? attribute) =>
        attribute is { ConstructorArguments.Length: 1 } && attribute.ConstructorArguments[0].Value is string name ? name : null;

    private static string ModuleOf(AttributeData? interfaceAttribute)
    {
        if (interfaceAttribute is not null)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in interfaceAttribute.NamedArguments)
            {
                if (argument.Key == AttributeNames.ModuleProperty && argument.Value.Value is string module)
                    return module;
            }
        }
        return AttributeNames.DefaultModule;
    }
}
