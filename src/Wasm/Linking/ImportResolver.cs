using Hyperlight.Images;
using Hyperlight.Wasm.Model;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Linking;

/// <summary>Finds and checks what satisfies each import of a module, and maps it into the unit's index spaces.</summary>
internal sealed class ImportResolver
{
    private readonly LinkPlan _plan;
    private readonly Dictionary<(string Module, string Name), WasmHostExtern> _hostExterns = [];
    // A host definition is instantiated once, at its first import (by module FirstImporter, from
    // which on start functions may grow it); later imports share it.
    private readonly Dictionary<WasmHostExtern, (uint Unit, int FirstImporter)> _instantiated = new(ReferenceEqualityComparer.Instance);

    public ImportResolver(LinkPlan plan, IReadOnlyList<WasmHostExtern> hostExterns)
    {
        ArgumentNullException.ThrowIfNull(hostExterns);
        _plan = plan;
        foreach (WasmHostExtern definition in hostExterns)
        {
            if (!_hostExterns.TryAdd((definition.Module, definition.Name), definition))
                throw new ArgumentException($"The host defines {definition.Module}.{definition.Name} twice", nameof(hostExterns));
        }
    }

    public void ResolveImports(LinkedModule importer)
    {
        int function = 0, table = 0, global = 0;
        foreach (Import import in importer.Module.Imports)
        {
            LinkedModule? exporter = _plan.Modules.FirstOrDefault(m => m.Name == import.Module);
            Export? export = exporter?.FindExport(import.Name);
            _hostExterns.TryGetValue((import.Module, import.Name), out WasmHostExtern? host);
            if (export is not null && host is not null)
                throw Fail(import, $"both module '{import.Module}' and the host define it; remove one of the two");
            if (export is null && host is null && (import.Kind != ExternalKind.Function || exporter is not null))
                throw Fail(import, Missing(import, exporter));

            switch (import.Kind)
            {
                case ExternalKind.Function:
                    uint index = (uint)function++;
                    importer.Functions[index] = export is not null ? LinkFunction(import, importer, exporter!, export) : HostFunction(importer, index);
                    break;
                case ExternalKind.Table:
                    importer.Tables[table] = export is not null ? LinkTable(import, importer, (uint)table, exporter!, export) : HostTable(import, importer, (uint)table, host!);
                    table++;
                    break;
                case ExternalKind.Memory:
                    importer.Memory = export is not null ? LinkMemory(import, importer, exporter!, export) : HostMemory(import, importer, host!);
                    break;
                case ExternalKind.Global:
                    importer.Globals[global++] = export is not null ? LinkGlobal(import, exporter!, export) : HostGlobal(import, importer, host!);
                    break;
            }
        }
    }

    private uint HostFunction(LinkedModule importer, uint localIndex)
    {
        _plan.Functions.Add(new UnitFunction(importer.Position, localIndex, IsHostImport: true));
        return (uint)(_plan.Functions.Count - 1);
    }

    private uint LinkFunction(Import import, LinkedModule importer, LinkedModule exporter, Export export)
    {
        CheckKind(import, export);
        FunctionType expected = importer.Module.Types[(int)import.FunctionTypeIndex];
        uint unit = exporter.Functions[export.Index];
        Check(import, LinkChecks.Function(expected, exporter.FunctionType(export.Index)));
        return unit;
    }

    private uint LinkTable(Import import, LinkedModule importer, uint index, LinkedModule exporter, Export export)
    {
        CheckKind(import, export);
        uint unit = exporter.Tables[export.Index];
        TableType provided = _plan.Tables[(int)unit];
        CheckLimits(import, importer, index, provided.Limits, exporter.Position, grown => LinkChecks.Table(import.Table!, provided, grown));
        return unit;
    }

    private uint LinkGlobal(Import import, LinkedModule exporter, Export export)
    {
        CheckKind(import, export);
        uint unit = exporter.Globals[export.Index];
        Check(import, LinkChecks.Global(import.Global!, _plan.Globals[(int)unit].Type));
        return unit;
    }

    private uint HostTable(Import import, LinkedModule importer, uint index, WasmHostExtern host)
    {
        if (host is not WasmHostTable table)
            throw Fail(import, KindMismatch(import.Kind, host));
        CheckLimits(import, importer, index, table.Type.Limits, FirstImporter(host, importer), grown => LinkChecks.Table(import.Table!, table.Type, grown));
        return Instantiate(host, importer, () =>
        {
            _plan.Tables.Add(table.Type);
            return (uint)(_plan.Tables.Count - 1);
        });
    }

    private uint HostGlobal(Import import, LinkedModule importer, WasmHostExtern host)
    {
        if (host is not WasmHostGlobal global)
            throw Fail(import, KindMismatch(import.Kind, host));
        Check(import, LinkChecks.Global(import.Global!, global.Type));
        return Instantiate(host, importer, () =>
        {
            if (global.Type.Type is ValueType.FuncRef or ValueType.ExternRef && global.InitialBits != 0)
                throw Fail(import, "a host-defined reference global must start as null");
            _plan.Globals.Add(new UnitGlobal(global.Type, global.InitialBits));
            return (uint)(_plan.Globals.Count - 1);
        });
    }

    private int LinkMemory(Import import, LinkedModule importer, LinkedModule exporter, Export export)
    {
        CheckKind(import, export);
        // A module has at most one memory (Wasm 2.0), so its exported memory is the one it uses.
        int unit = exporter.Memory!.Value;
        MemoryType provided = _plan.Memories[unit].Type;
        CheckLimits(import, importer, 0, provided.Limits, exporter.Position, grown => LinkChecks.Memory(import.Memory!, provided, grown));
        return unit;
    }

    private int HostMemory(Import import, LinkedModule importer, WasmHostExtern host)
    {
        if (host is not WasmHostMemory memory)
            throw Fail(import, KindMismatch(import.Kind, host));
        CheckLimits(import, importer, 0, memory.Type.Limits, FirstImporter(host, importer), grown => LinkChecks.Memory(import.Memory!, memory.Type, grown));
        return (int)Instantiate(host, importer, () => (uint)_plan.AddMemory(memory.Type, memory, importer.Name));
    }

    private uint Instantiate(WasmHostExtern host, LinkedModule importer, Func<uint> create)
    {
        if (_instantiated.TryGetValue(host, out var instance))
            return instance.Unit;
        uint unit = create();
        _instantiated.Add(host, (unit, importer.Position));
        return unit;
    }

    /// <summary>The position of the module whose import created <paramref name="host"/>'s instance; <paramref name="importer"/> when this import creates it.</summary>
    private int FirstImporter(WasmHostExtern host, LinkedModule importer) =>
        _instantiated.TryGetValue(host, out var instance) ? instance.FirstImporter : importer.Position;

    /// <summary>
    /// Matches a memory's or table's limits (<paramref name="match"/>, told whether the minimum may
    /// have grown). The definition exists since module <paramref name="existsSince"/> was
    /// instantiated; when a start function has run since then (the exporter's own included), it
    /// may be larger than declared, so an unmet minimum becomes a <see cref="GuestSizeCheck"/> that
    /// the initialisation runs right before <paramref name="importer"/>'s. Any start function
    /// counts: it may call into a module that grows the definition.
    /// </summary>
    private void CheckLimits(Import import, LinkedModule importer, uint tableIndex, Limits provided, int existsSince, Func<bool, string?> match)
    {
        bool isMemory = import.Kind == ExternalKind.Memory;
        uint required = isMemory ? import.Memory!.Limits.Minimum : import.Table!.Limits.Minimum;
        bool deferred = provided.Minimum < required && _plan.Modules.Skip(existsSince).Any(m => m.Module.StartFunction is not null);
        Check(import, match(deferred));
        if (deferred)
        {
            var check = new GuestSizeCheck(importer.Name, import.Module, import.Name, isMemory ? GuestSizeCheckKind.Memory : GuestSizeCheckKind.Table, required);
            _plan.SizeChecks.Add(new DeferredSizeCheck(importer, tableIndex, check));
        }
    }

    private static void CheckKind(Import import, Export export)
    {
        if (export.Kind != import.Kind)
            throw Fail(import, $"the import is a {LinkChecks.Describe(import.Kind)} but module '{import.Module}' exports '{import.Name}' as a {LinkChecks.Describe(export.Kind)}");
    }

    private static string KindMismatch(ExternalKind wanted, WasmHostExtern host) =>
        $"the import is a {LinkChecks.Describe(wanted)} but the host defines it as a {host switch { WasmHostGlobal => "global", WasmHostMemory => "memory", _ => "table" }}";

    private static string Missing(Import import, LinkedModule? exporter)
    {
        if (exporter is not null)
        {
            string exports = string.Join(", ", exporter.Module.Exports.Select(e => $"{e.Name} ({LinkChecks.Describe(e.Kind)})"));
            return $"module '{import.Module}' has no export named '{import.Name}'; it exports: {(exports.Length > 0 ? exports : "nothing")}";
        }
        return $"nothing defines this {LinkChecks.Describe(import.Kind)}: link a module named '{import.Module}' that exports it, or define it on the host (SandboxBuilder.With{import.Kind switch { ExternalKind.Global => "Global", ExternalKind.Memory => "Memory", _ => "Table" }})";
    }

    private static void Check(Import import, string? mismatch)
    {
        if (mismatch is not null)
            throw Fail(import, mismatch);
    }

    private static WasmLinkException Fail(Import import, string message) => new(import.Module, import.Name, message);
}
