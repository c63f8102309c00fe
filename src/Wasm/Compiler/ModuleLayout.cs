using Hyperlight.Wasm.Linking;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Compiler;

/// <summary>One module's view of the unit's <see cref="InstanceLayout"/>: the same questions asked in the module's own index spaces.</summary>
internal sealed class ModuleLayout(InstanceLayout unit, LinkPlan plan, LinkedModule module)
{
    public int GlobalOffset(uint global) => unit.GlobalOffset(module.Globals[global]);

    public int TableOffset(uint table) => unit.TableOffset(module.Tables[table]);

    public uint TableCapacity(uint table) => unit.TableCapacity(module.Tables[table]);

    public int DataLengthOffset(uint segment) => unit.DataLengthOffset(module.FirstDataSegment + (int)segment);

    public int ElementLengthOffset(uint segment) => unit.ElementLengthOffset(module.FirstElementSegment + (int)segment);

    /// <summary>A constant expression's value at instantiation (an imported global's is its exporter's initial value).</summary>
    public ulong EvaluateConstant(ConstantExpression expression) => module.Evaluate(expression, plan.Globals);
}
