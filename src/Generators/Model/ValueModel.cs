namespace Hyperlight.Generators.Model;

/// <summary>A parameter or result type that the binding protocol can carry.</summary>
/// <param name="Kind">How it crosses the boundary (an enum's underlying type for enums).</param>
/// <param name="Shape">Its C# form.</param>
/// <param name="TypeName">Its C# spelling, <c>global::</c>-qualified, with any nullable annotation.</param>
internal sealed record ValueModel(AbiKind Kind, ValueShape Shape, string TypeName)
{
    public static readonly ValueModel Void = new(AbiKind.Void, ValueShape.Primitive, "void");

    public bool IsVoid => Kind == AbiKind.Void;
}
