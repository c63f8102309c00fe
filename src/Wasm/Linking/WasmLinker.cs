using Hyperlight.Images;
using Hyperlight.Wasm.Binary;
using Hyperlight.Wasm.Linking;
using Hyperlight.Wasm.Model;
using Hyperlight.Wasm.Validation;

namespace Hyperlight.Wasm;

/// <summary>
/// Resolves the imports of modules instantiated in order into one sandbox: an import (M, N) is the
/// export N of an earlier module named M, or the host's definition of M.N; a function import with
/// neither is left to the host functions, which the engine binds. Every import is checked as the
/// spec's instantiation does, and a failure is a <see cref="WasmLinkException"/> naming it; a
/// memory's or table's minimum that an earlier start function may have met by growing it is checked
/// when its importer is instantiated (<see cref="GuestSizeCheck"/>).
/// </summary>
public static class WasmLinker
{
    /// <summary>Parses, validates and resolves the imports of <paramref name="modules"/> (the last is the main module) without compiling.</summary>
    /// <returns>
    /// What an engine that instantiates the modules itself needs to know: which exports run another
    /// module's code, and the matches only instantiation can decide (a memory or table import whose
    /// minimum the definition meets only if an earlier start function grew it), each to be run
    /// through <see cref="CheckSizeReached"/> right before its importer.
    /// </returns>
    /// <exception cref="WasmCompileException">A module is malformed or invalid.</exception>
    /// <exception cref="WasmLinkException">An import cannot be satisfied.</exception>
    public static WasmLinkSummary Check(IReadOnlyList<NamedWasmModule> modules, IReadOnlyList<WasmHostExtern> hostExterns) =>
        new(Resolve(Decode(modules), hostExterns));

    /// <summary>Finishes a <see cref="GuestSizeCheck"/>: the memory or table had reached <paramref name="size"/> (pages or elements) when its importer was instantiated.</summary>
    /// <exception cref="WasmLinkException">The size is below the import's minimum; the exception names the import and both numbers.</exception>
    public static void CheckSizeReached(GuestSizeCheck check, ulong size)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (LinkChecks.SizeReached(check, size) is string mismatch)
            throw new WasmLinkException(check.ImportModule, check.ImportName, mismatch);
    }

    internal static List<(string Name, WasmModule Module)> Decode(IReadOnlyList<NamedWasmModule> modules, WasmCompilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(modules);
        if (modules.Count == 0)
            throw new ArgumentException("At least one module is needed", nameof(modules));
        options ??= new WasmCompilerOptions();
        var decoded = new List<(string, WasmModule)>(modules.Count);
        foreach (NamedWasmModule named in modules)
        {
            if (named.Bytes.Length > options.MaxModuleBytes)
                throw new WasmCompileException($"Module '{named.Name}' is {named.Bytes.Length} bytes; the limit is {options.MaxModuleBytes} (WasmCompilerOptions.MaxModuleBytes)", 0);
            try
            {
                decoded.Add((named.Name, WasmValidator.Validate(WasmParser.Parse(named.Bytes)).Module));
            }
            catch (WasmCompileException e) when (modules.Count > 1)
            {
                throw e.InModule(named.Name);
            }
        }
        return decoded;
    }

    internal static LinkPlan Resolve(IReadOnlyList<(string Name, WasmModule Module)> modules, IReadOnlyList<WasmHostExtern> hostExterns)
    {
        var plan = new LinkPlan();
        var resolver = new ImportResolver(plan, hostExterns);
        int dataSegments = 0, elementSegments = 0;
        for (int m = 0; m < modules.Count; m++)
        {
            var (name, module) = modules[m];
            if (plan.Modules.Any(earlier => earlier.Name == name))
                throw new ArgumentException($"Two modules are named '{name}'; each linked module needs its own name", nameof(modules));
            var linked = new LinkedModule(m, name, module) { FirstDataSegment = dataSegments, FirstElementSegment = elementSegments };
            dataSegments += module.Data.Count;
            elementSegments += module.Elements.Count;
            resolver.ResolveImports(linked);
            Define(plan, linked);
            plan.Modules.Add(linked);
        }
        plan.PutMainMemoryFirst();
        return plan;
    }

    /// <summary>Gives the module's own functions, tables, memory and globals their unit indices, in index order after its imports.</summary>
    private static void Define(LinkPlan plan, LinkedModule linked)
    {
        WasmModule module = linked.Module;
        int firstFunction = module.ImportedFunctionCount;
        for (int f = 0; f < module.FunctionTypeIndices.Count; f++)
        {
            linked.Functions[firstFunction + f] = (uint)plan.Functions.Count;
            plan.Functions.Add(new UnitFunction(linked.Position, (uint)(firstFunction + f), IsHostImport: false));
        }
        int firstTable = module.ImportedTableCount;
        for (int t = 0; t < module.Tables.Count; t++)
        {
            linked.Tables[firstTable + t] = (uint)plan.Tables.Count;
            plan.Tables.Add(module.Tables[t]);
        }
        if (module.Memories.Count > 1)
            throw new WasmCompileException($"Module '{linked.Name}' defines {module.Memories.Count} memories; only one is supported", ModuleOffsets.At(module.Offsets.Memories, 1));
        if (module.Memories.Count == 1)
            linked.Memory = plan.AddMemory(module.Memories[0], linked, linked.Name);
        int firstGlobal = module.ImportedGlobalCount;
        for (int g = 0; g < module.Globals.Count; g++)
        {
            Global global = module.Globals[g];
            linked.Globals[firstGlobal + g] = (uint)plan.Globals.Count;
            plan.Globals.Add(new UnitGlobal(global.Type, linked.Evaluate(global.Initializer, plan.Globals)));
        }
    }
}
