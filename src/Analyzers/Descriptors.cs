using Microsoft.CodeAnalysis;

namespace Hyperlight.Analyzers;

/// <summary>
/// Every Hyperlight diagnostic. All are errors: a binding the generator cannot implement faithfully
/// must fail the build rather than surprise at run time.
/// </summary>
internal static class Descriptors
{
    private const string Category = "Hyperlight";

    /// <summary>Each id's help page is <c>docs/diagnostics/&lt;id&gt;.md</c> under this address.</summary>
    private const string HelpLinkBase = "https://github.com/hyperlight-dotnet/hyperlight/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor InterfaceNotPartial = new(
        DiagnosticIds.InterfaceNotPartial,
        "Binding interface must be partial",
        "Binding interface '{0}' is not partial, so the generator cannot add its implementation; declare it 'partial'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.InterfaceNotPartial + ".md");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = new(
        DiagnosticIds.ContainingTypeNotPartial,
        "Type containing a binding interface must be partial",
        "Binding interface '{0}' is nested in '{1}', which is not partial, so the generator cannot extend it; declare '{1}' 'partial' or move the interface out of it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.ContainingTypeNotPartial + ".md");

    public static readonly DiagnosticDescriptor ConflictingDirections = new(
        DiagnosticIds.ConflictingDirections,
        "Binding interface mixes guest and host functions",
        "Interface '{0}' uses both [GuestFunction] and [HostFunction]; an interface binds either guest exports or host imports, so split it into two interfaces",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.ConflictingDirections + ".md");

    public static readonly DiagnosticDescriptor AttributeOutsideInterface = new(
        DiagnosticIds.AttributeOutsideInterface,
        "Binding attribute on a method that cannot be bound",
        "[{0}] on '{1}' has no effect because only interface methods without a body are bound; declare it without a body in a partial interface, or remove the attribute",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.AttributeOutsideInterface + ".md");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = new(
        DiagnosticIds.UnsupportedParameterType,
        "Binding parameter type is not supported",
        "Parameter '{0}' of '{1}' has type '{2}', which cannot cross the sandbox boundary; use one of: {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.UnsupportedParameterType + ".md");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        DiagnosticIds.UnsupportedReturnType,
        "Binding return type is not supported",
        "'{0}' returns '{1}', which cannot cross the sandbox boundary; return one of: {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.UnsupportedReturnType + ".md");

    public static readonly DiagnosticDescriptor AsyncReturnType = new(
        DiagnosticIds.AsyncReturnType,
        "Asynchronous binding functions are not supported yet",
        "'{0}' returns '{1}', but asynchronous binding functions are not supported yet; return the result type directly",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.AsyncReturnType + ".md");

    public static readonly DiagnosticDescriptor ParameterModifier = new(
        DiagnosticIds.ParameterModifier,
        "Binding parameter has a ref, out, in or params modifier",
        "Parameter '{0}' of '{1}' is declared '{2}', but values cross the sandbox boundary by copy only; remove the modifier and return results instead of writing to parameters",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.ParameterModifier + ".md");

    public static readonly DiagnosticDescriptor CancellationTokenInHostFunction = new(
        DiagnosticIds.CancellationTokenInHostFunction,
        "Host function takes a CancellationToken",
        "Host function '{0}' takes CancellationToken '{1}', which a guest cannot supply; remove the parameter",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.CancellationTokenInHostFunction + ".md");

    public static readonly DiagnosticDescriptor MultipleCancellationTokens = new(
        DiagnosticIds.MultipleCancellationTokens,
        "Guest function takes more than one CancellationToken",
        "'{0}' already takes a CancellationToken, so '{1}' is one too many; keep a single CancellationToken parameter",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.MultipleCancellationTokens + ".md");

    public static readonly DiagnosticDescriptor TooManyParameters = new(
        DiagnosticIds.TooManyParameters,
        "Binding function passes more values than a call frame holds",
        "'{0}' passes {1} {2}, more than the {3} slots of a call frame; pass fewer values, for example by packing several into a byte[]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.TooManyParameters + ".md");

    public static readonly DiagnosticDescriptor GenericMethod = new(
        DiagnosticIds.GenericMethod,
        "Binding function is generic",
        "'{0}' is generic, but a binding function needs concrete types; remove its type parameters",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.GenericMethod + ".md");

    public static readonly DiagnosticDescriptor GenericInterface = new(
        DiagnosticIds.GenericInterface,
        "Binding interface is generic",
        "Binding interface '{0}' is generic, but the generated binding needs concrete types; remove its type parameters",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.GenericInterface + ".md");

    public static readonly DiagnosticDescriptor OverloadedMethod = new(
        DiagnosticIds.OverloadedMethod,
        "Binding function is overloaded",
        "'{0}' overloads another method of '{1}'; Wasm functions have no overloads, so give each method its own name",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.OverloadedMethod + ".md");

    public static readonly DiagnosticDescriptor DuplicateBindingName = new(
        DiagnosticIds.DuplicateBindingName,
        "Two binding functions share a name",
        "'{0}' binds to the name '{1}', which '{2}' already binds to; give one of them a different name in its attribute",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.DuplicateBindingName + ".md");

    public static readonly DiagnosticDescriptor NonMethodMember = new(
        DiagnosticIds.NonMethodMember,
        "Binding interface declares a property or event",
        "'{0}' is {1}, but a binding interface may only declare methods; replace it with a method",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.NonMethodMember + ".md");

    public static readonly DiagnosticDescriptor StaticMember = new(
        DiagnosticIds.StaticMember,
        "Binding interface declares a static member",
        "'{0}' is static, but a binding interface may only declare instance methods; move it to another type",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.StaticMember + ".md");

    public static readonly DiagnosticDescriptor NestedInGenericType = new(
        DiagnosticIds.NestedInGenericType,
        "Binding interface is nested in a generic type",
        "Binding interface '{0}' is nested in generic type '{1}', which the generator cannot reopen with concrete types; move the interface out of '{1}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.NestedInGenericType + ".md");

    public static readonly DiagnosticDescriptor FileLocalInterface = new(
        DiagnosticIds.FileLocalInterface,
        "Binding interface is file-local",
        "'{1}' is file-local, so the generated part of binding interface '{0}', which lives in another file, cannot see it; remove the 'file' modifier",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.FileLocalInterface + ".md");

    public static readonly DiagnosticDescriptor UnmarkedGuestMethod = new(
        DiagnosticIds.UnmarkedGuestMethod,
        "Guest interface method is not marked",
        "'{0}' has no [GuestFunction] attribute while other methods of '{1}' do, so the generated proxy can only throw NotSupportedException for it; mark it [GuestFunction], give it a default implementation, or mark the interface instead",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.UnmarkedGuestMethod + ".md");

    public static readonly DiagnosticDescriptor InheritedGuestMembers = new(
        DiagnosticIds.InheritedGuestMembers,
        "Guest interface inherits members",
        "Guest interface '{0}' extends '{1}', whose members the generated proxy cannot bind; declare the methods in '{0}' itself",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + DiagnosticIds.InheritedGuestMembers + ".md");
}
