namespace Hyperlight.Wasm.Model;

/// <summary>The instructions allowed in a constant expression (global initialisers, segment offsets, element items).</summary>
public enum ConstantKind : byte
{
    I32Const,
    I64Const,
    F32Const,
    F64Const,
    GlobalGet,
    RefNull,
    RefFunc,
}

/// <summary>
/// A validated constant expression. <see cref="Value"/> holds the constant's bits (floats as their
/// IEEE bits), the global index for <see cref="ConstantKind.GlobalGet"/>, or the function index for
/// <see cref="ConstantKind.RefFunc"/>; <see cref="Type"/> is the expression's result type.
/// </summary>
public readonly record struct ConstantExpression(ConstantKind Kind, ValueType Type, ulong Value);
