using Hyperlight.Wasm.Model;
using Iced.Intel;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

internal enum ControlKind : byte
{
    Function,
    Block,
    Loop,
    If,
}

/// <summary>
/// One entry of the control stack. On entry to a block every value is spilled to its home slot, so
/// at each label the block's values (params of a loop, results otherwise) are in the home slots of
/// depths <see cref="Base"/>.. — the merge state every path agrees on.
/// </summary>
internal struct ControlFrame
{
    public required ControlKind Kind { get; init; }

    /// <summary>Stack depth below the block's parameters.</summary>
    public required int Base { get; init; }

    public required IReadOnlyList<ValueType> Parameters { get; init; }

    public required IReadOnlyList<ValueType> Results { get; init; }

    /// <summary>Branch target: the loop header for a loop, the end otherwise.</summary>
    public required Label Target { get; init; }

    /// <summary>For an if: where the false path starts (bound at else, or at end when there is none).</summary>
    public Label Else { get; init; }

    public bool HasElse { get; set; }

    /// <summary>Some branch targets this frame's end, so code after it is reachable even if the fall-through is not.</summary>
    public bool Targeted { get; set; }

    /// <summary>The code right after the if (its false path) is reachable.</summary>
    public bool ReachableAtEntry { get; init; }

    /// <summary>Values a branch to this frame carries.</summary>
    public readonly IReadOnlyList<ValueType> BranchTypes => Kind == ControlKind.Loop ? Parameters : Results;
}
