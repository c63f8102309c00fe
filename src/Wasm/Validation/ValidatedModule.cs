using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Validation;

/// <summary>What validation learned about one defined function that a single-pass compiler can use up front.</summary>
/// <param name="MaxOperandStackDepth">Most values on the operand stack at any point of the body.</param>
/// <param name="MaxControlDepth">Deepest nesting of control frames, counting the function's own frame as 1.</param>
public readonly record struct FunctionValidationInfo(int MaxOperandStackDepth, int MaxControlDepth);

/// <summary>A module that passed validation, with per-function facts indexed like <see cref="WasmModule.Bodies"/>.</summary>
public sealed record ValidatedModule(WasmModule Module, IReadOnlyList<FunctionValidationInfo> Functions);
