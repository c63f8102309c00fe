namespace Hyperlight.Generators.Model;

/// <summary>Everything the emitters need to know about one binding interface: strings and enums only.</summary>
/// <param name="Kind">Guest or host.</param>
/// <param name="Namespace">The containing namespace, empty for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="Accessibility">The interface's declared accessibility keywords.</param>
/// <param name="Name">The interface's escaped simple name.</param>
/// <param name="FullyQualifiedName">The interface's <c>global::</c>-qualified name.</param>
/// <param name="DisplayName">The interface's name for descriptors and messages, e.g. <c>Demo.ICalculator</c>.</param>
/// <param name="Module">The Wasm import module (host interfaces).</param>
/// <param name="Functions">The bindable methods, in declaration order: index = function number.</param>
/// <param name="UnboundMethods">Methods the proxy implements by throwing.</param>
/// <param name="HintName">The generated file's name; made unique across interfaces by the pipeline.</param>
internal sealed record InterfaceModel(
    BindingKind Kind,
    string Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Accessibility,
    string Name,
    string FullyQualifiedName,
    string DisplayName,
    string Module,
    EquatableArray<FunctionModel> Functions,
    EquatableArray<UnboundMethodModel> UnboundMethods,
    string HintName);
