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
        List<CoreValueType> parameters = Flatten(function);
        return new CoreSignature([.. parameters], AbiFlattening.ExportResult(function.Result) is { } result ? [result] : []);
    }

    public static CoreSignature ForImport(FunctionDescriptor function)
    {
        List<CoreValueType> parameters = Flatten(function);
        if (function.Result.IsPointerAndLength())
        {
            parameters.Add(CoreValueType.I32);
            return new CoreSignature([.. parameters], []);
        }
        return new CoreSignature([.. parameters], function.Result == AbiType.Void ? [] : [function.Result.CoreType()]);
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

    private static List<CoreValueType> Flatten(FunctionDescriptor function)
    {
        var parameters = new List<CoreValueType>();
        foreach (AbiType parameter in function.Parameters)
            AbiFlattening.FlattenParameter(parameter, parameters);
        return parameters;
    }

    private static string Name(CoreValueType type) => type switch
    {
        CoreValueType.I32 => "i32",
        CoreValueType.I64 => "i64",
        CoreValueType.F32 => "f32",
        _ => "f64",
    };
}
