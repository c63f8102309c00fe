namespace Hyperlight.Wasm.Model;

/// <summary>A function signature. Equal when parameters and results are equal element by element.</summary>
public sealed class FunctionType : IEquatable<FunctionType>
{
    public FunctionType(ValueType[] parameters, ValueType[] results)
    {
        Parameters = parameters;
        Results = results;
    }

    public IReadOnlyList<ValueType> Parameters { get; }

    public IReadOnlyList<ValueType> Results { get; }

    public bool Equals(FunctionType? other) =>
        other is not null && Parameters.SequenceEqual(other.Parameters) && Results.SequenceEqual(other.Results);

    public override bool Equals(object? obj) => Equals(obj as FunctionType);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (ValueType p in Parameters)
            hash.Add(p);
        hash.Add(-1);
        foreach (ValueType r in Results)
            hash.Add(r);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        $"({string.Join(" ", Parameters.Select(Name))}) -> ({string.Join(" ", Results.Select(Name))})";

    private static string Name(ValueType t) => t.ToString().ToLowerInvariant();
}
