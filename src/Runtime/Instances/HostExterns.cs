using Hyperlight.Wasm;
using Hyperlight.Wasm.Model;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight;

/// <summary>Translates the public host definitions into the Wasm layer's link inputs, checking what only the host side can get wrong.</summary>
internal static class HostExterns
{
    public static IReadOnlyList<WasmHostExtern> From(IReadOnlyList<HostDefinition> definitions)
    {
        var externs = new WasmHostExtern[definitions.Count];
        for (int i = 0; i < externs.Length; i++)
            externs[i] = From(definitions[i]);
        return externs;
    }

    public static ValueType ToValueType(CoreValueType kind) => kind switch
    {
        CoreValueType.I32 => ValueType.I32,
        CoreValueType.I64 => ValueType.I64,
        CoreValueType.F32 => ValueType.F32,
        CoreValueType.F64 => ValueType.F64,
        CoreValueType.FuncRef => ValueType.FuncRef,
        CoreValueType.ExternRef => ValueType.ExternRef,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown value kind"),
    };

    private static WasmHostExtern From(HostDefinition definition) => definition switch
    {
        HostGlobal global when global.Value.IsReference && global.Value != WasmValue.Default(global.Value.Kind) =>
            throw new SandboxConfigurationException($"Host global {global.Module}.{global.Name}: a {global.Value.Kind} global must start as null; set it after the sandbox is built"),
        HostGlobal global => new WasmHostGlobal(global.Module, global.Name, new GlobalType(ToValueType(global.Value.Kind), global.Mutable), global.Value.IsReference ? 0 : global.Value.Bits),
        HostMemory memory => new WasmHostMemory(memory.Module, memory.Name, new MemoryType(CheckedLimits(memory, memory.MinimumPages, memory.MaximumPages, 65536))),
        HostTable { ElementKind: not (CoreValueType.FuncRef or CoreValueType.ExternRef) } table =>
            throw new SandboxConfigurationException($"Host table {table.Module}.{table.Name}: elements must be FuncRef or ExternRef, not {table.ElementKind}"),
        HostTable table => new WasmHostTable(table.Module, table.Name, new TableType(ToValueType(table.ElementKind), CheckedLimits(table, table.Minimum, table.Maximum, uint.MaxValue))),
        _ => throw new SandboxConfigurationException($"Unknown host definition {definition.GetType().Name} for {definition.Module}.{definition.Name}"),
    };

    private static Limits CheckedLimits(HostDefinition definition, uint minimum, uint? maximum, uint ceiling)
    {
        if (minimum > ceiling || maximum > ceiling)
            throw new SandboxConfigurationException($"Host definition {definition.Module}.{definition.Name}: limits {minimum}..{maximum} exceed {ceiling}");
        if (maximum < minimum)
            throw new SandboxConfigurationException($"Host definition {definition.Module}.{definition.Name}: maximum {maximum} is below minimum {minimum}");
        return new Limits(minimum, maximum);
    }
}
