using Hyperlight.Wasm.Linking;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Names of the unit's functions by unit index, for trap messages. A one-module unit keeps the
/// module's own names (its unit indices are its function indices); with several modules every
/// function is named <c>module:name</c> (or <c>module:func[i]</c> without a name section) so a trap
/// says which module it came from.
/// </summary>
internal static class UnitFunctionNames
{
    public static Dictionary<uint, string> Of(LinkPlan plan)
    {
        if (plan.Modules.Count == 1)
            return new Dictionary<uint, string>(plan.Main.Module.FunctionNames);
        var names = new Dictionary<uint, string>(plan.Functions.Count);
        for (int f = 0; f < plan.Functions.Count; f++)
        {
            UnitFunction function = plan.Functions[f];
            LinkedModule module = plan.Modules[function.Module];
            string name = module.Module.FunctionNames.TryGetValue(function.LocalIndex, out string? own) ? own : $"func[{function.LocalIndex}]";
            names.Add((uint)f, $"{module.Name}:{name}");
        }
        return names;
    }
}
