using Hyperlight.Bindings;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Calls;

/// <summary>A core Wasm function type, compared and printed the way messages show it: <c>(i32, i32) -&gt; i32</c>.</summary>
internal sealed class CoreSignature : IEquatable<CoreSignature>
{
    public CoreSignature(IReadOnlyList<ValueKind> parameters, IReadOnlyList<ValueKind> results)
    {
        Parameters = [.. parameters];
        Results = [.. results];
    }

    public ValueKind[] Parameters { get; }

    public ValueKind[] Results { get; }

    /// <summary>What an export implementing <paramref name="function"/> must look like (DESIGN.md §4).</summary>
    public static CoreSignature ForExport(FunctionDescriptor function) =>
        FromCore(AbiFlattening.ExportSignature(function.Parameters, function.Result));

    /// <summary>What an import served by <paramref name="function"/> must look like: string/bytes results come back through a trailing retptr.</summary>
    public static CoreSignature ForImport(FunctionDescriptor function) =>
        FromCore(AbiFlattening.ImportSignature(function.Parameters, function.Result));

    private static CoreSignature FromCore((CoreValueType[] Parameters, CoreValueType[] Results) core) =>
        new([.. core.Parameters.Select(Kind)], [.. core.Results.Select(Kind)]);

    public static ValueKind Kind(CoreValueType type) => type switch
    {
        CoreValueType.I32 => ValueKind.Int32,
        CoreValueType.I64 => ValueKind.Int64,
        CoreValueType.F32 => ValueKind.Float32,
        _ => ValueKind.Float64,
    };

    public static string Name(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "i32",
        ValueKind.Int64 => "i64",
        ValueKind.Float32 => "f32",
        ValueKind.Float64 => "f64",
        ValueKind.V128 => "v128",
        ValueKind.FuncRef => "funcref",
        ValueKind.ExternRef => "externref",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The core types when every one is a number type (never a reference or vector), else null.</summary>
    public static CoreValueType[]? Numbers(IReadOnlyList<ValueKind> kinds)
    {
        var types = new CoreValueType[kinds.Count];
        for (int i = 0; i < types.Length; i++)
        {
            CoreValueType? type = kinds[i] switch
            {
                ValueKind.Int32 => CoreValueType.I32,
                ValueKind.Int64 => CoreValueType.I64,
                ValueKind.Float32 => CoreValueType.F32,
                ValueKind.Float64 => CoreValueType.F64,
                _ => null,
            };
            if (type is null)
                return null;
            types[i] = type.Value;
        }
        return types;
    }

    public bool Equals(CoreSignature? other) =>
        other is not null && Parameters.AsSpan().SequenceEqual(other.Parameters) && Results.AsSpan().SequenceEqual(other.Results);

    public override bool Equals(object? obj) => Equals(obj as CoreSignature);

    public override int GetHashCode() => HashCode.Combine(Parameters.Length, Results.Length);

    public override string ToString()
    {
        string parameters = $"({string.Join(", ", Parameters.Select(Name))})";
        return Results.Length switch
        {
            0 => $"{parameters} -> ()",
            1 => $"{parameters} -> {Name(Results[0])}",
            _ => $"{parameters} -> ({string.Join(", ", Results.Select(Name))})",
        };
    }
}
