using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Validation;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>Where a constant expression sits; turned into text only when an error needs it.</summary>
/// <param name="Owner">What the expression belongs to, e.g. "offset of data segment".</param>
/// <param name="Index">Index of the owner.</param>
/// <param name="Item">Index of the element segment item, or -1.</param>
internal readonly record struct ConstantSite(string Owner, int Index, int Item = -1)
{
    public override string ToString() => Item < 0 ? $"{Owner} {Index}" : $"item {Item} of {Owner} {Index}";
}

/// <summary>
/// Types constant expressions under the Wasm 2.0 rules: <c>global.get</c> may read only imported,
/// immutable globals, and every <c>ref.func</c> here adds its function to C.refs.
/// </summary>
internal sealed class ConstantExpressionChecker(int functionCount, GlobalType[] globals, int importedGlobalCount, bool[] declaredFunctionReferences)
{
    public void Check(ConstantExpression expression, ValueType expected, ConstantSite context, int offset)
    {
        ValueType actual = expression.Type;
        switch (expression.Kind)
        {
            case ConstantKind.GlobalGet:
                actual = CheckGlobalGet(expression.Value, context, offset);
                break;
            case ConstantKind.RefFunc:
                if (expression.Value >= (ulong)functionCount)
                    throw new WasmCompileException($"unknown function {expression.Value} in ref.func of {context}: the module has {functionCount} functions", offset);
                declaredFunctionReferences[expression.Value] = true;
                break;
        }

        if (actual != expected)
            throw new WasmCompileException($"type mismatch in {context}: expected {TypeNames.Of(expected)}, found {TypeNames.Of(actual)}", offset);
    }

    private ValueType CheckGlobalGet(ulong index, ConstantSite context, int offset)
    {
        if (index >= (ulong)globals.Length)
            throw new WasmCompileException($"unknown global {index} in {context}", offset);
        if (index >= (ulong)importedGlobalCount)
            throw new WasmCompileException($"constant expression required in {context}: global.get {index} reads a global defined in this module; Wasm 2.0 constant expressions may read only imported globals", offset);
        GlobalType global = globals[index];
        if (global.Mutable)
            throw new WasmCompileException($"constant expression required in {context}: global.get {index} reads a mutable global", offset);
        return global.Type;
    }
}
