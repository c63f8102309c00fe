using Hyperlight.Bindings;
using Hyperlight.Wasmtime.Calls;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Linking;

/// <summary>
/// Matches every function import that no linked module provides with a host function of the same
/// (module, name) whose canonical flattening equals the import's core type, and defines the matches
/// in a linker (once per name, however many modules import it). An unmatched function import fails
/// the build with a <see cref="GuestBindingException"/>; globals, memories and tables come from host
/// definitions and linked modules, which the link check covers.
/// </summary>
internal sealed class HostImportBinder
{
    private readonly Linker _linker;
    private readonly ModuleExports _exports;
    private readonly IReadOnlyList<HostBinding> _bindings;
    private readonly HostCallContext _context;
    private readonly Dictionary<(string Module, string Name), (HostBinding Binding, int Function)> _offered;
    private readonly HashSet<(string Module, string Name)> _defined = [];

    private HostImportBinder(Linker linker, ModuleExports exports, IReadOnlyList<HostBinding> bindings, HostCallContext context)
    {
        _linker = linker;
        _exports = exports;
        _bindings = bindings;
        _context = context;
        _offered = Index(bindings);
    }

    /// <param name="modules">The linked modules in order, then the main module.</param>
    /// <param name="linkedNames">Names of the linked modules: imports from them are not host functions.</param>
    /// <param name="exports">The main module's exports, which strings and bytes travel through.</param>
    public static void Define(Linker linker, IReadOnlyList<Module> modules, IReadOnlyList<string> linkedNames, ModuleExports exports, IReadOnlyList<HostBinding> bindings, HostCallContext context)
    {
        var binder = new HostImportBinder(linker, exports, bindings, context);
        foreach (Module module in modules)
        {
            IReadOnlyList<Import> imports = module.Imports;
            for (int i = 0; i < imports.Count; i++)
            {
                if (imports[i] is FunctionImport function && !linkedNames.Contains(function.ModuleName))
                    binder.Bind(function, (uint)i);
            }
        }
    }

    private void Bind(FunctionImport import, uint index)
    {
        var actual = new CoreSignature(import.Parameters, import.Results);
        if (!_offered.TryGetValue((import.ModuleName, import.Name), out var match))
            throw new GuestBindingException(
                $"The module imports function {import.ModuleName}.{import.Name} {actual}, but no host function provides it. {ModuleDescription.HostFunctions(_bindings)}");
        FunctionDescriptor function = match.Binding.Descriptor.Functions[match.Function];
        var expected = CoreSignature.ForImport(function);
        if (!expected.Equals(actual))
            throw new GuestBindingException(
                $"The module imports {import.ModuleName}.{import.Name} with core signature {actual}, but host function " +
                $"{match.Binding.Descriptor.InterfaceName}.{function.MethodName} ({function}) flattens to {expected}. {ModuleDescription.HostFunctions(_bindings)}");
        string purpose = $"Host function {import.ModuleName}.{import.Name} ({function})";
        if (function.Result.IsPointerAndLength())
            _exports.RequireRealloc(purpose);
        else if (function.Parameters.Any(AbiFlattening.IsPointerAndLength))
            _exports.RequireMemory(purpose);
        if (!_defined.Add((import.ModuleName, import.Name)))
            return;
        var host = new HostImport(_context, match.Binding, match.Function, index);
        _linker.DefineFunction(import.ModuleName, import.Name, host.Call, expected.Parameters, expected.Results);
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
