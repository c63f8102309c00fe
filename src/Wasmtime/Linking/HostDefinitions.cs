using Hyperlight.Wasmtime.Calls;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Linking;

/// <summary>
/// Creates the host's globals, memories and tables in a store, as declared (globals at their
/// initial value, tables with null elements), and defines them in a linker under their import
/// names. Called for every new store, so a restored sandbox starts from the declared state again.
/// </summary>
internal static class HostDefinitions
{
    public static void Define(Linker linker, Store store, IReadOnlyList<HostDefinition> definitions)
    {
        foreach (HostDefinition definition in definitions)
        {
            switch (definition)
            {
                case HostGlobal global:
                    linker.Define(global.Module, global.Name, new Global(
                        store,
                        UntypedValues.Kind(global.Value.Kind),
                        UntypedValues.InitialValue(global.Value),
                        global.Mutable ? Mutability.Mutable : Mutability.Immutable));
                    break;
                case HostMemory memory:
                    linker.Define(memory.Module, memory.Name, new Memory(store, memory.MinimumPages, memory.MaximumPages, is64Bit: false));
                    break;
                case HostTable table:
                    linker.Define(table.Module, table.Name, new Table(
                        store,
                        table.ElementKind == CoreValueType.FuncRef ? TableKind.FuncRef : TableKind.ExternRef,
                        null,
                        table.Minimum,
                        table.Maximum ?? uint.MaxValue));
                    break;
                default:
                    throw new SandboxConfigurationException($"Unknown host definition {definition.GetType().Name} for {definition.Module}.{definition.Name}.");
            }
        }
    }
}
