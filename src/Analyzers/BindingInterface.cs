using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Hyperlight.Analyzers;

/// <summary>
/// An interface the generator will implement: one carrying a binding attribute itself or on any of
/// its methods. Built from the symbol alone (no syntax, no compilation scan).
/// </summary>
internal sealed class BindingInterface
{
    private BindingInterface(INamedTypeSymbol symbol, ImmutableArray<BindingMethod> methods, bool mixesDirections)
    {
        Symbol = symbol;
        Methods = methods;
        MixesDirections = mixesDirections;
    }

    public INamedTypeSymbol Symbol { get; }

    /// <summary>The bound methods, in declaration order.</summary>
    public ImmutableArray<BindingMethod> Methods { get; }

    /// <summary>Both [GuestFunction] and [HostFunction] appear on the interface or its methods.</summary>
    public bool MixesDirections { get; }

    public static BindingInterface? TryCreate(INamedTypeSymbol type, KnownSymbols known)
    {
        if (type.TypeKind != TypeKind.Interface)
            return null;

        var interfaceAttribute = known.FindBindingAttribute(type);
        var interfaceDirection = interfaceAttribute is null ? (BindingDirection?)null : known.DirectionOf(interfaceAttribute);
        var seenGuest = interfaceDirection == BindingDirection.Guest;
        var seenHost = interfaceDirection == BindingDirection.Host;

        var methods = ImmutableArray.CreateBuilder<BindingMethod>();
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                continue;

            var attribute = known.FindBindingAttribute(method);
            var direction = attribute is null ? null : known.DirectionOf(attribute);
            seenGuest |= direction == BindingDirection.Guest;
            seenHost |= direction == BindingDirection.Host;

            // A marked static method still makes the interface a binding one, so the static-member rule reports it.
            if (method.IsStatic)
                continue;

            // With an interface-level attribute every abstract method is bound; a default-implemented
            // method is a helper unless it is marked itself.
            var effective = direction ?? (method.IsAbstract ? interfaceDirection : null);
            if (effective is { } bound)
                methods.Add(new BindingMethod(method, bound, NameArgument(attribute) ?? method.Name));
        }

        if (!seenGuest && !seenHost)
            return null;
        return new BindingInterface(type, methods.ToImmutable(), seenGuest && seenHost);
    }

    private static string? NameArgument(AttributeData? attribute) =>
        attribute is { ConstructorArguments.Length: 1 } ? attribute.ConstructorArguments[0].Value as string : null;
}
