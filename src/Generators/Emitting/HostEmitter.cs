using System.Globalization;
using Hyperlight.Generators.Model;

namespace Hyperlight.Generators.Emitting;

/// <summary>
/// Emits a host interface's half of the binding: the descriptor and a <c>Dispatch</c> that reads the
/// guest's arguments out of the call frame, calls the implementation and writes the result to slot 0.
/// </summary>
internal static class HostEmitter
{
    public static string Emit(InterfaceModel model)
    {
        var writer = new SourceWriter();
        string contract = $"{KnownTypes.IHostFunctions}<{model.FullyQualifiedName}>";
        DeclarationScope.Open(writer, model, contract);

        string leading = DescriptorWriter.Literal(model.DisplayName) + ", " + DescriptorWriter.Literal(model.Module);
        DescriptorWriter.WriteField(writer, KnownTypes.HostInterfaceDescriptor, GeneratedNames.HostDescriptorField, leading, model);
        writer.WriteLine();
        writer.WriteLine($"static {KnownTypes.HostInterfaceDescriptor} {contract}.HostDescriptor => {GeneratedNames.HostDescriptorField};");
        writer.WriteLine();
        WriteDispatch(writer, model, contract);

        DeclarationScope.Close(writer, model);
        return writer.ToString();
    }

    private static void WriteDispatch(SourceWriter writer, InterfaceModel model, string contract)
    {
        writer.OpenBlock($"static void {contract}.Dispatch({model.FullyQualifiedName} implementation, int function, {KnownTypes.CallFrame} frame)");
        writer.OpenBlock("switch (function)");
        for (int k = 0; k < model.Functions.Count; k++)
        {
            writer.WriteLine("case " + k.ToString(CultureInfo.InvariantCulture) + ":");
            writer.Indent();
            WriteCase(writer, model, model.Functions[k]);
            writer.WriteLine("return;");
            writer.Unindent();
        }

        writer.WriteLine("default:");
        writer.Indent();
        int count = model.Functions.Count;
        string range = count switch
        {
            0 => $"{model.DisplayName} has no host functions.",
            1 => $"{model.DisplayName} has one host function, numbered 0.",
            _ => $"{model.DisplayName} has {count.ToString(CultureInfo.InvariantCulture)} host functions, numbered 0 to {(count - 1).ToString(CultureInfo.InvariantCulture)}.",
        };
        writer.WriteLine($"throw new {KnownTypes.ArgumentOutOfRangeException}(nameof(function), function, {DescriptorWriter.Literal(range)});");
        writer.Unindent();
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static void WriteCase(SourceWriter writer, InterfaceModel model, FunctionModel function)
    {
        var arguments = new string[function.Parameters.Count];
        for (int slot = 0; slot < arguments.Length; slot++)
            arguments[slot] = ValueMarshaller.Read("frame", slot, function.Parameters[slot].Type);
        string call = $"implementation.{function.MethodIdentifier}({string.Join(", ", arguments)})";

        if (function.Result.IsVoid)
        {
            writer.WriteLine(call + ";");
            return;
        }

        if (function.Result.Kind == AbiKind.String)
        {
            // The setter would reject null too, but without saying which host function returned it.
            string message = $"Host function {model.DisplayName}.{function.MethodName} returned null; a string result must not be null.";
            call = $"({call} ?? throw new {KnownTypes.InvalidOperationException}({DescriptorWriter.Literal(message)}))";
        }

        writer.WriteLine(ValueMarshaller.Write("frame", 0, function.Result, call) + ";");
    }
}
