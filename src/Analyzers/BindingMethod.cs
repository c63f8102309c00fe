using Microsoft.CodeAnalysis;

namespace Hyperlight.Analyzers;

/// <summary>A method of a binding interface that the generator turns into a guest export call or host import.</summary>
internal sealed class BindingMethod
{
    public BindingMethod(IMethodSymbol symbol, BindingDirection direction, string bindingName)
    {
        Symbol = symbol;
        Direction = direction;
        BindingName = bindingName;
    }

    public IMethodSymbol Symbol { get; }

    /// <summary>The method's own attribute decides; without one, the interface's.</summary>
    public BindingDirection Direction { get; }

    /// <summary>The export or import name: the attribute's name argument, else the method's name.</summary>
    public string BindingName { get; }
}
