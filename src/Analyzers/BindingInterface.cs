using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Hyperlight.Analyzers;

/// <summary>
/// An interface the generator will implement: one carrying a binding attribute itself or on any of
/// its methods. Built from the symbol alone (no syntax, no compilation scan), binding the same
/// methods the generator binds.
/// </summary>
internal sealed class BindingInterface
{
    private BindingInterface(
        INamedTypeSymbol symbol,
        ImmutableArray<BindingMethod> methods,
        ImmutableArray<IMethodSymbol> unmarkedMethods,
        BindingDirection? direction)
    {
        Symbol = symbol;
        Methods = methods;
        UnmarkedMethods = unmarkedMethods;
        Direction = direction;
    }

    public INamedTypeSymbol Symbol { get; }

    /// <summary>The bound methods, in declaration order.</summary>
    public ImmutableArray<BindingMethod> Methods { get; }

    /// <summary>
    /// Abstract methods left without an attribute in an interface that marks single methods: an
    /// implementation must still provide them, but nothing binds them.
    /// </summary>
    public ImmutableArray<IMethodSymbol> UnmarkedMethods { get; }

    /// <summary>The one direction of all attributes, or null when both [GuestFunction] and [HostFunction] appear.</summary>
    public BindingDirection? Direction { get; }

    public static BindingInterface? TryCreate(INamedTypeSymbol type, KnownSymbols known)
    {
        if (type.TypeKind != TypeKind.Interface)
            return null;

        // Both attributes may sit on the interface itself; the first then marks the methods.
        BindingDirection? interfaceDirection = null;
        var seenGuest = false;
        var seenHost = false;
        foreach (var attribute in type.GetAttributes())
        {
            var direction = known.DirectionOf(attribute);
            seenGuest |= direction == BindingDirection.Guest;
            seenHost |= direction == BindingDirection.Host;
            interfaceDirection ??= direction;
        }

        var methods = ImmutableArray.CreateBuilder<BindingMethod>();
        var unmarked = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                continue;

            var attribute = known.FindBindingAttribute(method);
            var direction = attribute is null ? null : known.DirectionOf(attribute);
            seenGuest |= direction == BindingDirection.Guest;
            seenHost |= direction == BindingDirection.Host;

            // Like the generator, bind abstract instance methods only: a static or default-implemented
            // method needs no proxy, and other rules report the attribute on one.
            if (method.IsStatic || !method.IsAbstract)
                continue;
            if ((direction ?? interfaceDirection) is { } bound)
                methods.Add(new BindingMethod(method, bound, NameArgument(attribute) ?? method.Name));
            else
                unmarked.Add(method);
        }

        if (!seenGuest && !seenHost)
            return null;
        BindingDirection? only = seenGuest && seenHost ? null : seenGuest ? BindingDirection.Guest : BindingDirection.Host;
        return new BindingInterface(type, methods.ToImmutable(), unmarked.ToImmutable(), only);
    }

    private static string? NameArgument(AttributeData? attribute) =>
        attribute is { ConstructorArguments.Length: 1 } ? attribute.ConstructorArguments[0].Value as string : null;
}
