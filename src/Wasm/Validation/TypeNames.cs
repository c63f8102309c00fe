using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Validation;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>Text-format names of value types for error messages.</summary>
internal static class TypeNames
{
    public static string Of(ValueType type) => type switch
    {
        ValueType.I32 => "i32",
        ValueType.I64 => "i64",
        ValueType.F32 => "f32",
        ValueType.F64 => "f64",
        ValueType.V128 => "v128",
        ValueType.FuncRef => "funcref",
        ValueType.ExternRef => "externref",
        _ => "any",
    };

    public static string Of(IReadOnlyList<ValueType> types)
    {
        var names = new string[types.Count];
        for (int i = 0; i < names.Length; i++)
            names[i] = Of(types[i]);
        return $"[{string.Join(' ', names)}]";
    }
}
