using Hyperlight.Bindings;
using Hyperlight.Images;

namespace Hyperlight.Vm.Engine;

/// <summary>One image import, bound to the host function that serves it.</summary>
internal sealed class BoundImport(GuestImport import, HostBinding binding, int function, FunctionDescriptor descriptor, int coreParameterCount)
{
    public GuestImport Import { get; } = import;

    public HostBinding Binding { get; } = binding;

    /// <summary>The function number within <see cref="Binding"/>'s interface (what the dispatcher switches on).</summary>
    public int Function { get; } = function;

    public FunctionDescriptor Descriptor { get; } = descriptor;

    /// <summary>Core values the guest's thunk passes (flattened parameters, plus the return pointer for string/bytes results).</summary>
    public int CoreParameterCount { get; } = coreParameterCount;
}

/// <summary>
/// The image's imports by frame function index, each bound when the engine is created: every import
/// must be served by a host function with the same module, name and core signature.
/// </summary>
internal sealed class ImportTable
{
    /// <summary>Import indices are small and dense in practice; the bound keeps a hostile image from sizing the table.</summary>
    private const int MaxImportIndex = 1 << 16;

    private readonly BoundImport?[] _byIndex;

    private ImportTable(BoundImport?[] byIndex) => _byIndex = byIndex;

    /// <summary>The import the guest named with frame function index <paramref name="index"/>, or null for an index the image does not have.</summary>
    public BoundImport? Find(uint index) => index < (uint)_byIndex.Length ? _byIndex[index] : null;

    public static ImportTable Bind(GuestImage image, IReadOnlyList<HostBinding> bindings)
    {
        if (image.Imports.Count == 0)
            return new ImportTable([]);
        uint maxIndex = image.Imports.Max(i => i.Index);
        if (maxIndex >= MaxImportIndex)
            throw new SandboxConfigurationException($"The guest image is malformed: import index {maxIndex} is beyond the supported {MaxImportIndex - 1}.");
        var byIndex = new BoundImport?[maxIndex + 1];
        foreach (GuestImport import in image.Imports)
        {
            if (byIndex[import.Index] is not null)
                throw new SandboxConfigurationException($"The guest image is malformed: imports {byIndex[import.Index]!.Import.Module}.{byIndex[import.Index]!.Import.Name} and {import.Module}.{import.Name} share index {import.Index}.");
            byIndex[import.Index] = BindOne(import, bindings);
        }
        return new ImportTable(byIndex);
    }

    private static BoundImport BindOne(GuestImport import, IReadOnlyList<HostBinding> bindings)
    {
        string imported = $"{import.Module}.{import.Name} {CoreSignature.Format(import.Parameters, import.Results)}";
        foreach (HostBinding binding in bindings)
        {
            if (binding.Descriptor.Module != import.Module)
                continue;
            for (int function = 0; function < binding.Descriptor.Functions.Count; function++)
            {
                FunctionDescriptor descriptor = binding.Descriptor.Functions[function];
                if (descriptor.Name != import.Name)
                    continue;
                var expected = CoreSignature.ForImport(descriptor);
                if (!expected.Matches(import.Parameters, import.Results))
                    throw new GuestBindingException(
                        $"The guest imports {imported}, but {binding.Descriptor.InterfaceName}.{descriptor.MethodName} ({descriptor}) flattens to {expected}. Change the host method's signature to match the import.");
                return new BoundImport(import, binding, function, descriptor, expected.Parameters.Length);
            }
        }
        throw new GuestBindingException(
            $"The guest imports {imported}, which no host interface provides. Host functions offered: {DescribeOffered(bindings)}. Add it to a [HostFunction] interface (Module = \"{import.Module}\") registered with WithHostFunctions.");
    }

    private static string DescribeOffered(IReadOnlyList<HostBinding> bindings)
    {
        string[] offered = [.. bindings.SelectMany(b => b.Descriptor.Functions.Select(f => $"{b.Descriptor.Module}.{f}"))];
        return offered.Length == 0 ? "none" : string.Join(", ", offered);
    }
}
