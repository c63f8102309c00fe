using Hyperlight.Bindings;

namespace Hyperlight;

/// <summary>
/// What the modules may import besides host functions: other modules, instantiated first and
/// imported by name, and globals, memories and tables the host defines.
/// </summary>
public sealed partial class SandboxBuilder
{
    private readonly List<LinkedSource> _linkedModules = [];
    private readonly List<HostDefinition> _hostDefinitions = [];
    private readonly HashSet<(string Module, string Name)> _definedNames = [];

    /// <summary>
    /// Adds a module that is instantiated before the main module (and after the modules added before
    /// it); the modules after it import its exports under <paramref name="name"/>.
    /// </summary>
    public SandboxBuilder WithLinkedModule(string name, ReadOnlyMemory<byte> module)
    {
        AddLinkedModule(new LinkedSource(name, module, null));
        return this;
    }

    /// <summary>As <see cref="WithLinkedModule(string, ReadOnlyMemory{byte})"/>, reading the module from a file when the sandbox is built.</summary>
    public SandboxBuilder WithLinkedModule(string name, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AddLinkedModule(new LinkedSource(name, default, path));
        return this;
    }

    /// <summary>Defines a global, memory or table that modules import as <see cref="HostDefinition.Module"/>.<see cref="HostDefinition.Name"/>; each sandbox gets its own.</summary>
    public SandboxBuilder WithHostDefinition(HostDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrEmpty(definition.Module);
        ArgumentNullException.ThrowIfNull(definition.Name);
        if (!_definedNames.Add((definition.Module, definition.Name)))
            throw new SandboxConfigurationException($"{definition.Module}.{definition.Name} is defined twice; each import name can have one host definition.");
        _hostDefinitions.Add(definition);
        return this;
    }

    /// <summary>Defines a global starting at <paramref name="value"/> (of the value's kind; a reference must start null).</summary>
    public SandboxBuilder WithGlobal(string module, string name, WasmValue value, bool mutable = false) =>
        WithHostDefinition(new HostGlobal(module, name, value, mutable));

    /// <summary>Defines a linear memory of <paramref name="minimumPages"/> 64 KiB pages, growable to <paramref name="maximumPages"/>.</summary>
    public SandboxBuilder WithMemory(string module, string name, uint minimumPages, uint? maximumPages = null) =>
        WithHostDefinition(new HostMemory(module, name, minimumPages, maximumPages));

    /// <summary>Defines a table of <paramref name="elementKind"/> (FuncRef or ExternRef) with <paramref name="minimum"/> null elements.</summary>
    public SandboxBuilder WithTable(string module, string name, CoreValueType elementKind, uint minimum, uint? maximum = null) =>
        WithHostDefinition(new HostTable(module, name, elementKind, minimum, maximum));

    private void AddLinkedModule(LinkedSource source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source.Name);
        if (_linkedModules.Exists(existing => existing.Name == source.Name))
            throw new SandboxConfigurationException($"Two linked modules are named '{source.Name}'; imports name a module, so each needs its own name.");
        _linkedModules.Add(source);
    }

    private LinkedWasmModule[] LoadLinkedModules()
    {
        CheckImportNamespaces();
        return [.. _linkedModules.Select(source => new LinkedWasmModule(
            source.Name,
            source.Path is null ? source.Bytes : ReadModuleFile(source.Path, $"linked module '{source.Name}'")))];
    }

    /// <summary>An import names a module and a field: each pair must have one provider, so the namespaces may not overlap.</summary>
    private void CheckImportNamespaces()
    {
        var hostFunctions = new Dictionary<(string Module, string Name), string>();
        foreach (HostBinding binding in _hostBindings)
        {
            foreach (FunctionDescriptor function in binding.Descriptor.Functions)
                hostFunctions.TryAdd((binding.Descriptor.Module, function.Name), binding.Descriptor.InterfaceName);
        }
        foreach (HostDefinition definition in _hostDefinitions)
        {
            if (hostFunctions.TryGetValue((definition.Module, definition.Name), out string? owner))
                throw new SandboxConfigurationException($"{definition.Module}.{definition.Name} is both a host definition and a host function of {owner}.");
        }
        foreach (LinkedSource linked in _linkedModules)
        {
            string? clash = _hostDefinitions.Find(d => d.Module == linked.Name) is { } definition
                ? $"host definition {definition.Module}.{definition.Name}"
                : hostFunctions.Keys.Where(key => key.Module == linked.Name).Select(key => $"host function {key.Module}.{key.Name}").FirstOrDefault();
            if (clash is not null)
                throw new SandboxConfigurationException($"Linked module '{linked.Name}' shares its name with {clash}; imports from '{linked.Name}' would be ambiguous. Rename the linked module.");
        }
    }

    /// <summary>A linked module as given: bytes now, or a path read at build.</summary>
    private sealed record LinkedSource(string Name, ReadOnlyMemory<byte> Bytes, string? Path);
}
