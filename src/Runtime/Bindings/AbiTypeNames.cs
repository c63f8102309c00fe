namespace Hyperlight.Bindings;

/// <summary>C# spellings of <see cref="AbiType"/>, for messages.</summary>
public static class AbiTypeNames
{
    public static string Of(AbiType type) => type switch
    {
        AbiType.Void => "void",
        AbiType.Bool => "bool",
        AbiType.SByte => "sbyte",
        AbiType.Byte => "byte",
        AbiType.Int16 => "short",
        AbiType.UInt16 => "ushort",
        AbiType.Int32 => "int",
        AbiType.UInt32 => "uint",
        AbiType.Int64 => "long",
        AbiType.UInt64 => "ulong",
        AbiType.Single => "float",
        AbiType.Double => "double",
        AbiType.String => "string",
        AbiType.Bytes => "bytes",
        _ => type.ToString(),
    };
}
