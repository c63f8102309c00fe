using Hyperlight.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace Hyperlight.Generators.Emitting;

/// <summary>Writes the arguments that describe an interface's functions to the runtime (name, method, result, parameters).</summary>
internal static class DescriptorWriter
{
    /// <summary>
    /// Writes <c>new Descriptor(&lt;leading&gt;, new FunctionDescriptor(...), ...)</c> as the initializer
    /// of a static readonly field, so the descriptor is built once per interface.
    /// </summary>
    public static void WriteField(SourceWriter writer, string descriptorType, string fieldName, string leadingArguments, InterfaceModel model)
    {
        writer.WriteLine($"private static readonly {descriptorType} {fieldName} = new {descriptorType}(");
        writer.Indent();
        int count = model.Functions.Count;
        writer.WriteLine(leadingArguments + (count == 0 ? ");" : ","));
        for (int i = 0; i < count; i++)
            writer.WriteLine(FunctionDescriptor(model.Functions[i]) + (i == count - 1 ? ");" : ","));
        writer.Unindent();
    }

    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string FunctionDescriptor(FunctionModel function)
    {
        string text = $"new {KnownTypes.FunctionDescriptor}({Literal(function.ImportExportName)}, {Literal(function.MethodName)}, {AbiType(function.Result.Kind)}";
        foreach (ParameterModel parameter in function.Parameters)
            text += ", " + AbiType(parameter.Type.Kind);
        return text + ")";
    }

    private static string AbiType(AbiKind kind) => KnownTypes.AbiType + "." + kind.ToString();
}
