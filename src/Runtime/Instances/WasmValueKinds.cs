namespace Hyperlight;

/// <summary>The untyped API's value kinds for the image's core types (the same six types, named for the host).</summary>
internal static class WasmValueKinds
{
    public static WasmValueKind From(CoreValueType type) => type switch
    {
        CoreValueType.I32 => WasmValueKind.I32,
        CoreValueType.I64 => WasmValueKind.I64,
        CoreValueType.F32 => WasmValueKind.F32,
        CoreValueType.F64 => WasmValueKind.F64,
        CoreValueType.FuncRef => WasmValueKind.FuncRef,
        CoreValueType.ExternRef => WasmValueKind.ExternRef,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown core value type"),
    };

    public static WasmValueKind[] From(IReadOnlyList<CoreValueType> types)
    {
        var kinds = new WasmValueKind[types.Count];
        for (int i = 0; i < kinds.Length; i++)
            kinds[i] = From(types[i]);
        return kinds;
    }

    /// <summary>True for the kinds stored in the low 32 bits of a slot or cell.</summary>
    public static bool IsNarrow(WasmValueKind kind) => kind is WasmValueKind.I32 or WasmValueKind.F32;
}
