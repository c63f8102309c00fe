namespace Hyperlight.Generators.Model;

/// <summary>A type the interface is nested in, re-opened as a partial declaration.</summary>
/// <param name="Accessibility">Its declared accessibility keywords.</param>
/// <param name="Keyword">class, struct, record, record struct or interface.</param>
/// <param name="Name">Its escaped name.</param>
internal sealed record ContainingTypeModel(string Accessibility, string Keyword, string Name);
