using System.Collections.Generic;
using System.Globalization;
using Hyperlight.Generators.Model;

namespace Hyperlight.Generators.Emitting;

/// <summary>
/// Emits a guest interface's half of the binding: the descriptor, <c>CreateProxy</c>, and a sealed
/// proxy whose methods write arguments straight into the call frame and read the result out of it.
/// </summary>
internal static class GuestEmitter
{
    public static string Emit(InterfaceModel model)
    {
        var writer = new SourceWriter();
        string contract = $"{KnownTypes.IGuestFunctions}<{model.FullyQualifiedName}>";
        DeclarationScope.Open(writer, model, contract);

        DescriptorWriter.WriteField(writer, KnownTypes.GuestInterfaceDescriptor, GeneratedNames.GuestDescriptorField, DescriptorWriter.Literal(model.DisplayName), model);
        writer.WriteLine();
        writer.WriteLine($"static {KnownTypes.GuestInterfaceDescriptor} {contract}.GuestDescriptor => {GeneratedNames.GuestDescriptorField};");
        writer.WriteLine();
        writer.OpenBlock($"static {model.FullyQualifiedName} {contract}.CreateProxy({KnownTypes.GuestBinding} binding)");
        writer.WriteLine($"{KnownTypes.ArgumentNullException}.ThrowIfNull(binding);");
        writer.WriteLine($"return new {GeneratedNames.GuestProxyClass}(binding);");
        writer.CloseBlock();
        writer.WriteLine();
        WriteProxy(writer, model);

        DeclarationScope.Close(writer, model);
        return writer.ToString();
    }

    private static void WriteProxy(SourceWriter writer, InterfaceModel model)
    {
        writer.WriteLine("/// <summary>Calls the guest's exports through the sandbox's call frame.</summary>");
        writer.OpenBlock($"private sealed class {GeneratedNames.GuestProxyClass} : {model.FullyQualifiedName}");
        writer.WriteLine($"private readonly {KnownTypes.GuestBinding} {GeneratedNames.BindingField};");
        writer.WriteLine();
        writer.WriteLine($"public {GeneratedNames.GuestProxyClass}({KnownTypes.GuestBinding} binding) => {GeneratedNames.BindingField} = binding;");

        for (int k = 0; k < model.Functions.Count; k++)
        {
            writer.WriteLine();
            WriteProxyMethod(writer, model, k);
        }

        foreach (UnboundMethodModel method in model.UnboundMethods)
        {
            writer.WriteLine();
            string message = $"{method.DisplayName} has no guest export binding: it is not marked [GuestFunction] or its signature is not supported. The Hyperlight analyzers report why.";
            writer.WriteLine($"{method.Signature} => throw new {KnownTypes.NotSupportedException}({DescriptorWriter.Literal(message)});");
        }

        writer.CloseBlock();
    }

    private static void WriteProxyMethod(SourceWriter writer, InterfaceModel model, int k)
    {
        FunctionModel function = model.Functions[k];
        string index = k.ToString(CultureInfo.InvariantCulture);
        writer.OpenBlock($"{function.Result.TypeName} {model.FullyQualifiedName}.{function.MethodIdentifier}({ParameterList(function)})");

        // Reject null before the frame is touched, naming the user's parameter rather than the setter's.
        foreach (ParameterModel parameter in function.Parameters)
        {
            if (parameter.Type.Kind == AbiKind.String)
                writer.WriteLine($"{KnownTypes.ArgumentNullException}.ThrowIfNull({parameter.Name});");
        }

        string frame = GeneratedNames.FrameLocal;
        string binding = GeneratedNames.BindingField;
        string beginCall = $"{binding}.BeginCall({index}, {function.Parameters.Count.ToString(CultureInfo.InvariantCulture)});";
        // A call with nothing to write or read still has to begin: that sets the frame's header.
        bool usesFrame = function.Parameters.Count > 0 || !function.Result.IsVoid;
        writer.WriteLine(usesFrame ? $"{KnownTypes.CallFrame} {frame} = {beginCall}" : beginCall);
        for (int slot = 0; slot < function.Parameters.Count; slot++)
            writer.WriteLine(ValueMarshaller.Write(frame, slot, function.Parameters[slot].Type, function.Parameters[slot].Name) + ";");

        writer.WriteLine(function.CancellationTokenName is { } token
            ? $"{binding}.Invoke({index}, {token});"
            : $"{binding}.Invoke({index});");
        if (!function.Result.IsVoid)
            writer.WriteLine($"return {ValueMarshaller.Read(frame, 0, function.Result)};");
        writer.CloseBlock();
    }

    /// <summary>The method's parameters in their original order, the CancellationToken put back where it was declared.</summary>
    private static string ParameterList(FunctionModel function)
    {
        var parts = new List<string>(function.Parameters.Count + 1);
        foreach (ParameterModel parameter in function.Parameters)
            parts.Add(parameter.Type.TypeName + " " + parameter.Name);
        if (function.CancellationTokenName is { } token)
            parts.Insert(function.CancellationTokenIndex, "global::System.Threading.CancellationToken " + token);
        return string.Join(", ", parts);
    }
}
