namespace Hyperlight.Generators.Model;

/// <summary>
/// Mirror of <c>Hyperlight.AbiType</c>: the generator targets netstandard2.0 and cannot reference
/// the runtime's assemblies, so it spells the member names into the generated code instead.
/// Member names must match <c>Hyperlight.AbiType</c> exactly.
/// </summary>
internal enum AbiKind
{
    Void,
    Bool,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    String,
    Bytes,
}
