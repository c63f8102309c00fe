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
    private const string PostReturnPrefix = "cabi_post_";

    public ExportPlan(ModuleContext ctx)
    {
        // By name, so that finding each export's cabi_post_ helper costs one lookup instead of a scan of all exports.
        var functionExports = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (Export export in ctx.Module.Exports)
        {
            if (export.Kind == ExternalKind.Function)
                functionExports.TryAdd(export.Name, export.Index);
        }
        var byName = functionExports.GetAlternateLookup<ReadOnlySpan<char>>();
        // Exports of one signature share its core type lists (a module often has hundreds of exports and a handful of signatures).
        var coreSignatures = new Dictionary<FunctionType, (IReadOnlyList<CoreValueType> Parameters, IReadOnlyList<CoreValueType> Results)>(ReferenceEqualityComparer.Instance);
        foreach (Export export in ctx.Module.Exports)
        {
            if (export.Kind != ExternalKind.Function)
                continue;
            FunctionType type = ctx.FunctionTypes[export.Index];
            if (type.Parameters.Count > CallFrameLayout.MaxSlots * 2 || type.Results.Count > CallFrameLayout.MaxSlots)
                continue;
            uint? postFunction = TryFindPostReturn(byName, export.Name, out uint post)
                && ctx.FunctionTypes[post].Parameters.SequenceEqual(type.Results) && ctx.FunctionTypes[post].Results.Count == 0
                ? post
                : null;
            if (!coreSignatures.TryGetValue(type, out var core))
                coreSignatures.Add(type, core = (ToCore(type.Parameters), ToCore(type.Results)));
            Callable.Add(new CallableExport(
                new GuestExport(export.Name, (uint)Callable.Count, core.Parameters, core.Results),
                export.Index,
                type,
                postFunction));
        }
    }

    public List<CallableExport> Callable { get; } = [];

    public int MaxOutgoingSlots => Callable.Count == 0 ? 4 : Math.Max(4, Callable.Max(c => Math.Max(c.Type.Parameters.Count, c.Type.Results.Count)));

    /// <summary>Looks up "cabi_post_" + <paramref name="name"/> with the name built on the stack when short, so that a module's exports do not each build a string.</summary>
    private static bool TryFindPostReturn(Dictionary<string, uint>.AlternateLookup<ReadOnlySpan<char>> functionExports, string name, out uint function)
    {
        int length = PostReturnPrefix.Length + name.Length;
        Span<char> postName = length <= 256 ? stackalloc char[length] : new char[length];
        PostReturnPrefix.CopyTo(postName);
        name.CopyTo(postName[PostReturnPrefix.Length..]);
        return functionExports.TryGetValue(postName, out function);
    }

    private static IReadOnlyList<CoreValueType> ToCore(IReadOnlyList<ValueType> types)
    {
        var core = new CoreValueType[types.Count];
        for (int i = 0; i < core.Length; i++)
            core[i] = ToCore(types[i]);
        return Array.AsReadOnly(core);
    }

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
