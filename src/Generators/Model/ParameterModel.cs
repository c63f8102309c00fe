namespace Hyperlight.Generators.Model;

/// <summary>One value parameter; <paramref name="Name"/> is already escaped as a C# identifier.</summary>
internal sealed record ParameterModel(string Name, ValueModel Type);
