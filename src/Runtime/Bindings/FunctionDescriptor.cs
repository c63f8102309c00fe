namespace Hyperlight.Bindings;

/// <summary>One function of a binding interface, as the generator saw it.</summary>
public sealed class FunctionDescriptor
{
    public FunctionDescriptor(string name, string methodName, AbiType result, params AbiType[] parameters)
    {
        Name = name;
        MethodName = methodName;
        Result = result;
        Parameters = parameters;
        ParameterTypes = parameters;
    }

    /// <summary>The export or import name.</summary>
    public string Name { get; }

    /// <summary>The C# method, for messages.</summary>
    public string MethodName { get; }

    public AbiType Result { get; }

    public IReadOnlyList<AbiType> Parameters { get; }

    internal AbiType[] ParameterTypes { get; }

    /// <summary>A readable signature such as <c>Greet(string) -&gt; string</c>.</summary>
    public override string ToString() =>
        $"{Name}({string.Join(", ", Parameters.Select(AbiTypeNames.Of))}) -> {AbiTypeNames.Of(Result)}";
}
