namespace Hyperlight.Analyzers;

/// <summary>The ids of every Hyperlight diagnostic, shared by the analyzers, code fixes and docs.</summary>
internal static class DiagnosticIds
{
    public const string InterfaceNotPartial = "HL0001";
    public const string ContainingTypeNotPartial = "HL0002";
    public const string ConflictingDirections = "HL0003";
    public const string AttributeOutsideInterface = "HL0004";
    public const string UnsupportedParameterType = "HL0005";
    public const string UnsupportedReturnType = "HL0006";
    public const string AsyncReturnType = "HL0007";
    public const string ParameterModifier = "HL0008";
    public const string CancellationTokenInHostFunction = "HL0009";
    public const string MultipleCancellationTokens = "HL0010";
    public const string TooManyParameters = "HL0011";
    public const string GenericMethod = "HL0012";
    public const string GenericInterface = "HL0013";
    public const string OverloadedMethod = "HL0014";
    public const string DuplicateBindingName = "HL0015";
    public const string NonMethodMember = "HL0016";
    public const string StaticMember = "HL0017";
    public const string NestedInGenericType = "HL0018";
    public const string FileLocalInterface = "HL0019";
    public const string UnmarkedGuestMethod = "HL0020";
    public const string InheritedGuestMembers = "HL0021";
}
