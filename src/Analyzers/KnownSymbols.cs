using Microsoft.CodeAnalysis;

namespace Hyperlight.Analyzers;

/// <summary>
/// The types the rules compare against, looked up once per compilation so that symbol actions only
/// compare references.
/// </summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(INamedTypeSymbol guestFunction, INamedTypeSymbol hostFunction, Compilation compilation)
    {
        GuestFunctionAttribute = guestFunction;
        HostFunctionAttribute = hostFunction;
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        ReadOnlySpan = compilation.GetTypeByMetadataName("System.ReadOnlySpan`1");
        ReadOnlyMemory = compilation.GetTypeByMetadataName("System.ReadOnlyMemory`1");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        GuestFunctions = compilation.GetTypeByMetadataName("Hyperlight.Bindings.IGuestFunctions`1");
        HostFunctions = compilation.GetTypeByMetadataName("Hyperlight.Bindings.IHostFunctions`1");
    }

    public INamedTypeSymbol GuestFunctionAttribute { get; }
    public INamedTypeSymbol HostFunctionAttribute { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? ReadOnlySpan { get; }
    public INamedTypeSymbol? ReadOnlyMemory { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }

    /// <summary>The interfaces the generator adds to binding interfaces.</summary>
    public INamedTypeSymbol? GuestFunctions { get; }
    public INamedTypeSymbol? HostFunctions { get; }

    /// <summary>Null when the compilation does not reference Hyperlight: there is nothing to check then.</summary>
    public static KnownSymbols? TryCreate(Compilation compilation)
    {
        var guest = compilation.GetTypeByMetadataName("Hyperlight.GuestFunctionAttribute");
        var host = compilation.GetTypeByMetadataName("Hyperlight.HostFunctionAttribute");
        return guest is null || host is null ? null : new KnownSymbols(guest, host, compilation);
    }

    /// <summary>The binding attribute on <paramref name="symbol"/>, if it carries one.</summary>
    public AttributeData? FindBindingAttribute(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (DirectionOf(attribute) is not null)
                return attribute;
        }
        return null;
    }

    public BindingDirection? DirectionOf(AttributeData attribute)
    {
        if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, GuestFunctionAttribute))
            return BindingDirection.Guest;
        if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, HostFunctionAttribute))
            return BindingDirection.Host;
        return null;
    }
}
