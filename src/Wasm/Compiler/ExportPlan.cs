using Hyperlight.Images;
using Hyperlight.Wasm.Model;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Which exports of the main module the host can call and how: every exported function (numbers
/// and references cross as 8-byte slots), numbered in export order, with its cabi_post_* helper.
/// </summary>
internal sealed class ExportPlan
{
    public ExportPlan(ModuleContext ctx)
    {
        // By name, so that finding each export's cabi_post_ helper costs one lookup instead of a scan of all exports.
        var functionExports = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (Export export in ctx.Module.Exports)
        {
            if (export.Kind == ExternalKind.Function)
                functionExports.TryAdd(export.Name, export.Index);
        }
        foreach (Export export in ctx.Module.Exports)
        {
            if (export.Kind != ExternalKind.Function)
                continue;
            FunctionType type = ctx.FunctionTypes[export.Index];
            if (type.Parameters.Count > CallFrameLayout.MaxSlots * 2 || type.Results.Count > CallFrameLayout.MaxSlots)
                continue;
            uint? postFunction = functionExports.TryGetValue("cabi_post_" + export.Name, out uint post)
                && ctx.FunctionTypes[post].Parameters.SequenceEqual(type.Results) && ctx.FunctionTypes[post].Results.Count == 0
                ? post
                : null;
            Callable.Add(new CallableExport(
                new GuestExport(export.Name, (uint)Callable.Count, [.. type.Parameters.Select(ToCore)], [.. type.Results.Select(ToCore)]),
                export.Index,
                type,
                postFunction));
        }
    }

    public List<CallableExport> Callable { get; } = [];

    public int MaxOutgoingSlots => Callable.Count == 0 ? 4 : Math.Max(4, Callable.Max(c => Math.Max(c.Type.Parameters.Count, c.Type.Results.Count)));

    public static CoreValueType ToCore(ValueType type) => type switch
    {
        ValueType.I32 => CoreValueType.I32,
        ValueType.I64 => CoreValueType.I64,
        ValueType.F32 => CoreValueType.F32,
        ValueType.F64 => CoreValueType.F64,
        ValueType.FuncRef => CoreValueType.FuncRef,
        ValueType.ExternRef => CoreValueType.ExternRef,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a type that crosses to the host"),
    };
}

/// <summary>An export the dispatcher can run: its image entry, the Wasm function, and its cabi_post_ helper if any.</summary>
internal sealed record CallableExport(GuestExport Image, uint Function, FunctionType Type, uint? PostReturn);
