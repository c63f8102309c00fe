using Hyperlight.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Hyperlight.Generators.Parsing;

/// <summary>The marker attributes the generator looks for (defined in Hyperlight.Runtime).</summary>
internal static class AttributeNames
{
    public const string Namespace = "Hyperlight";
    public const string GuestFunction = "GuestFunctionAttribute";
    public const string HostFunction = "HostFunctionAttribute";
    public const string GuestFunctionMetadataName = Namespace + "." + GuestFunction;
    public const string HostFunctionMetadataName = Namespace + "." + HostFunction;

    /// <summary>The interface-level property naming the Wasm import module.</summary>
    public const string ModuleProperty = "Module";

    /// <summary>Same default as <c>HostFunctionAttribute.DefaultModule</c>: clang's default import module.</summary>
    public const string DefaultModule = "env";

    private static string SimpleNameFor(BindingKind kind) => kind == BindingKind.Guest ? GuestFunction : HostFunction;

    /// <summary>The attribute of <paramref name="kind"/> on <paramref name="symbol"/>, matched by name so no compilation lookup is needed.</summary>
    public static AttributeData? Find(ISymbol symbol, BindingKind kind)
    {
        string simpleName = SimpleNameFor(kind);
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: var name, ContainingNamespace: { Name: Namespace, ContainingNamespace.IsGlobalNamespace: true } }
                && name == simpleName)
            {
                return attribute;
            }
        }
        return null;
    }
}
