using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Validation;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>
/// The spec's validation context C: the module's index spaces with imports first, resolved once so
/// that instruction checks are array lookups.
/// </summary>
internal sealed class ValidationContext
{
    public required IReadOnlyList<FunctionType> Types { get; init; }

    /// <summary>Signature of every function, imported then defined.</summary>
    public required FunctionType[] Functions { get; init; }

    public required TableType[] Tables { get; init; }

    public required bool HasMemory { get; init; }

    public required GlobalType[] Globals { get; init; }

    public required ValueType[] ElementTypes { get; init; }

    public required uint? DataCount { get; init; }

    /// <summary>
    /// C.refs: functions referenced outside function bodies (exports, element segments, global
    /// initializers); only these may be named by <c>ref.func</c> in code.
    /// </summary>
    public required bool[] DeclaredFunctionReferences { get; init; }
}
