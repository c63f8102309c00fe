using Hyperlight.Bindings;

namespace Hyperlight.Vm.Engine;

/// <summary>
/// The core Wasm signature a binding-interface function must have in the image (DESIGN.md §4):
/// exports take the flattened parameters and return nothing, one scalar, or a return-area pointer;
/// imports returning string/bytes take a trailing i32 return pointer and return nothing.
/// </summary>
internal readonly record struct CoreSignature(CoreValueType[] Parameters, CoreValueType[] Results)
{
    public static CoreSignature ForExport(FunctionDescriptor function)
    {
        (CoreValueType[] parameters, CoreValueType[] results) = AbiFlattening.ExportSignature(function.Parameters, function.Result);
        return new CoreSignature(parameters, results);
    }

    public static CoreSignature ForImport(FunctionDescriptor function)
    {
        (CoreValueType[] parameters, CoreValueType[] results) = AbiFlattening.ImportSignature(function.Parameters, function.Result);
        return new CoreSignature(parameters, results);
    }

    public bool Matches(IReadOnlyList<CoreValueType> parameters, IReadOnlyList<CoreValueType> results) =>
        parameters.SequenceEqual(Parameters) && results.SequenceEqual(Results);

    public override string ToString() => Format(Parameters, Results);

    public static string Format(IEnumerable<CoreValueType> parameters, IEnumerable<CoreValueType> results)
    {
        string[] resultNames = [.. results.Select(Name)];
        string result = resultNames.Length switch
        {
            0 => "()",
            1 => resultNames[0],
            _ => $"({string.Join(", ", resultNames)})",
        };
        return $"({string.Join(", ", parameters.Select(Name))}) -> {result}";
    }

    private static string Name(CoreValueType type) => type switch
    {
        CoreValueType.I32 => "i32",
        CoreValueType.I64 => "i64",
        CoreValueType.F32 => "f32",
        _ => "f64",
    };
}
