using Hyperlight.Bindings;
using Hyperlight.Wasmtime.Calls;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Linking;

/// <summary>
/// Matches every import of a module with a host function of the same (module, name) whose
/// canonical flattening equals the import's core type, and defines the matches in a linker.
/// Anything unmatched fails the build with a <see cref="GuestBindingException"/>.
/// </summary>
internal static class HostImportBinder
{
    public static void Define(Linker linker, Module module, ModuleExports exports, IReadOnlyList<HostBinding> bindings, HostCallContext context)
    {
        Dictionary<(string Module, string Name), (HostBinding Binding, int Function)> offered = Index(bindings);
        IReadOnlyList<Import> imports = module.Imports;
        for (int i = 0; i < imports.Count; i++)
        {
            Import import = imports[i];
            if (import is not FunctionImport functionImport)
                throw new GuestBindingException(
                    $"The module imports {ModuleDescription.Kind(import)} {import.ModuleName}.{import.Name}; a sandbox provides only functions. Define and export it in the module instead.");
            var actual = new CoreSignature(functionImport.Parameters, functionImport.Results);
            if (!offered.TryGetValue((import.ModuleName, import.Name), out var match))
                throw new GuestBindingException(
                    $"The module imports function {import.ModuleName}.{import.Name} {actual}, but no host function provides it. {ModuleDescription.HostFunctions(bindings)}");
            FunctionDescriptor function = match.Binding.Descriptor.Functions[match.Function];
            var expected = CoreSignature.ForImport(function);
            if (!expected.Equals(actual))
                throw new GuestBindingException(
                    $"The module imports {import.ModuleName}.{import.Name} with core signature {actual}, but host function " +
                    $"{match.Binding.Descriptor.InterfaceName}.{function.MethodName} ({function}) flattens to {expected}. {ModuleDescription.HostFunctions(bindings)}");
            string purpose = $"Host function {import.ModuleName}.{import.Name} ({function})";
            if (function.Result.IsPointerAndLength())
                exports.RequireRealloc(purpose);
            else if (function.Parameters.Any(AbiFlattening.IsPointerAndLength))
                exports.RequireMemory(purpose);
            var host = new HostImport(context, match.Binding, match.Function, (uint)i);
            linker.DefineFunction(import.ModuleName, import.Name, host.Call, expected.Parameters, expected.Results);
        }
    }

    private static Dictionary<(string, string), (HostBinding, int)> Index(IReadOnlyList<HostBinding> bindings)
    {
        var index = new Dictionary<(string, string), (HostBinding, int)>();
        foreach (HostBinding binding in bindings)
        {
            for (int f = 0; f < binding.Descriptor.Functions.Count; f++)
            {
                var key = (binding.Descriptor.Module, binding.Descriptor.Functions[f].Name);
                if (index.TryGetValue(key, out var existing))
                    throw new SandboxConfigurationException(
                        $"Host function {key.Module}.{key.Name} is offered twice: by {existing.Item1.Descriptor.InterfaceName} and by {binding.Descriptor.InterfaceName}. Give one of them another name or module.");
                index.Add(key, (binding, f));
            }
        }
        return index;
    }
}
