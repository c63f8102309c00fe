namespace Hyperlight.Generators.Model;

/// <summary>A bindable interface method.</summary>
/// <param name="ImportExportName">The Wasm export (guest) or import (host) name.</param>
/// <param name="MethodName">The C# method name, for descriptors and messages.</param>
/// <param name="MethodIdentifier">The same name escaped for use in code (<c>@class</c>).</param>
/// <param name="Result">The result type, <see cref="ValueModel.Void"/> for none.</param>
/// <param name="Parameters">The value parameters, one call-frame slot each, in order.</param>
/// <param name="CancellationTokenName">The escaped name of the CancellationToken parameter, if any.</param>
/// <param name="CancellationTokenIndex">Where that parameter sits among all parameters (-1 when absent).</param>
internal sealed record FunctionModel(
    string ImportExportName,
    string MethodName,
    string MethodIdentifier,
    ValueModel Result,
    EquatableArray<ParameterModel> Parameters,
    string? CancellationTokenName,
    int CancellationTokenIndex);
