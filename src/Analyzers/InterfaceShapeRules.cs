using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hyperlight.Analyzers;

/// <summary>
/// Rules about a binding interface as a whole: what the generator needs to extend it (partial,
/// non-generic, one direction) and what it may contain (uniquely named instance methods only).
/// </summary>
internal static class InterfaceShapeRules
{
    public static void Check(BindingInterface binding, KnownSymbols known, SymbolAnalysisContext context)
    {
        var type = binding.Symbol;
        var location = SyntaxLocations.Of(type);
        var cancellationToken = context.CancellationToken;

        if (!SyntaxLocations.IsPartial(type, cancellationToken))
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InterfaceNotPartial, location, type.Name));

        if (type.Arity > 0)
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.GenericInterface, location, type.Name));

        CheckContainers(type, location, context);

        if (binding.Direction is null)
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ConflictingDirections, location, type.Name));

        // A host interface's implementation is user code; only a guest proxy has to implement every method.
        if (binding.Direction == BindingDirection.Guest)
        {
            foreach (var method in binding.UnmarkedMethods)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnmarkedGuestMethod, SyntaxLocations.Of(method), SymbolNames.Member(method), type.Name));
            CheckBaseInterfaces(type, known, location, context);
        }

        CheckMembers(type, context);
        CheckNames(binding, context);
    }

    /// <summary>The generated part reopens every enclosing type, so each must be partial, non-generic and visible from another file.</summary>
    private static void CheckContainers(INamedTypeSymbol type, Location location, SymbolAnalysisContext context)
    {
        // One report per rule and interface: the code fix for partial handles the whole chain at once.
        bool reportedPartial = false, reportedGeneric = false, reportedFileLocal = false;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!reportedFileLocal && current.IsFileLocal)
            {
                reportedFileLocal = true;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.FileLocalInterface, location, type.Name, current.Name));
            }

            if (ReferenceEquals(current, type))
                continue;

            if (!reportedPartial && !SyntaxLocations.IsPartial(current, context.CancellationToken))
            {
                reportedPartial = true;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ContainingTypeNotPartial, location, type.Name, current.Name));
            }
            if (!reportedGeneric && current.Arity > 0)
            {
                reportedGeneric = true;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.NestedInGenericType, location, type.Name, current.Name));
            }
        }
    }

    /// <summary>
    /// The generator binds the interface's own methods only, so the proxy has nothing to implement an
    /// inherited abstract member with. Marker interfaces and default implementations are fine.
    /// </summary>
    private static void CheckBaseInterfaces(INamedTypeSymbol type, KnownSymbols known, Location location, SymbolAnalysisContext context)
    {
        foreach (var baseInterface in type.AllInterfaces)
        {
            var definition = baseInterface.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(definition, known.GuestFunctions)
                || SymbolEqualityComparer.Default.Equals(definition, known.HostFunctions))
            {
                continue;
            }

            foreach (var member in baseInterface.GetMembers())
            {
                if (member.IsAbstract)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.InheritedGuestMembers, location, type.Name, SymbolNames.Type(baseInterface)));
                    break;
                }
            }
        }
    }

    private static void CheckMembers(INamedTypeSymbol type, SymbolAnalysisContext context)
    {
        foreach (var member in type.GetMembers())
        {
            if (!IsUserDeclaredMember(member))
                continue;

            if (member.IsStatic)
            {
                // Constants carry no state or behaviour the generator must account for.
                if (member is not IFieldSymbol { IsConst: true })
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.StaticMember, SyntaxLocations.Of(member), SymbolNames.Member(member)));
                continue;
            }

            var kind = member switch
            {
                IPropertySymbol { IsIndexer: true } => "an indexer",
                IPropertySymbol => "a property",
                IEventSymbol => "an event",
                _ => null,
            };
            if (kind is not null)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.NonMethodMember, SyntaxLocations.Of(member), SymbolNames.Member(member), kind));
        }
    }

    /// <summary>
    /// Leaves out nested types, accessors (their property is reported) and explicit interface
    /// implementations, which is how the generator implements IGuestFunctions/IHostFunctions. Its other
    /// members (a private static descriptor field) are in generated code, where diagnostics are dropped.
    /// </summary>
    private static bool IsUserDeclaredMember(ISymbol member) => member switch
    {
        { IsImplicitlyDeclared: true } or INamedTypeSymbol => false,
        IMethodSymbol method => method.AssociatedSymbol is null && method.ExplicitInterfaceImplementations.IsEmpty,
        IPropertySymbol property => property.ExplicitInterfaceImplementations.IsEmpty,
        IEventSymbol @event => @event.ExplicitInterfaceImplementations.IsEmpty,
        _ => true,
    };

    private static void CheckNames(BindingInterface binding, SymbolAnalysisContext context)
    {
        var methodNames = new HashSet<string>(System.StringComparer.Ordinal);
        var bindingNames = new Dictionary<string, BindingMethod>(System.StringComparer.Ordinal);
        foreach (var method in binding.Methods)
        {
            var location = SyntaxLocations.Of(method.Symbol);
            if (!methodNames.Add(method.Symbol.Name))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.OverloadedMethod, location, SymbolNames.Member(method.Symbol), binding.Symbol.Name));
            }
            else if (bindingNames.TryGetValue(method.BindingName, out var earlier))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.DuplicateBindingName, location, SymbolNames.Member(method.Symbol), method.BindingName, SymbolNames.Member(earlier.Symbol)));
            }

            if (!bindingNames.ContainsKey(method.BindingName))
                bindingNames.Add(method.BindingName, method);
        }
    }
}
