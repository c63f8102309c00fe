using Hyperlight.Wasm.Binary;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Validation;

using ValueType = Hyperlight.Wasm.Model.ValueType;

/// <summary>
/// Module-level validation: resolves the index spaces into a <see cref="ValidationContext"/>, checks
/// every declaration against them, then has <see cref="FunctionValidator"/> check each body.
/// </summary>
internal sealed partial class ModuleValidator(WasmModule module)
{
    private readonly ModuleOffsets _offsets = module.Offsets;

    public ValidatedModule Validate()
    {
        FunctionType[] functions = ResolveFunctions();
        TableType[] tables = ResolveTables();
        bool hasMemory = ResolveMemory();
        GlobalType[] globals = ResolveGlobals(out int importedGlobalCount);
        var declared = new bool[functions.Length];
        var constants = new ConstantExpressionChecker(functions.Length, globals, importedGlobalCount, declared);

        CheckGlobalInitializers(constants);
        CheckExports(functions.Length, tables.Length, hasMemory, globals.Length, declared);
        CheckStart(functions);
        ValueType[] elementTypes = CheckElements(tables, constants);
        CheckData(hasMemory, constants);

        var context = new ValidationContext
        {
            Types = module.Types,
            Functions = functions,
            Tables = tables,
            HasMemory = hasMemory,
            Globals = globals,
            ElementTypes = elementTypes,
            DataCount = module.DataCount,
            DeclaredFunctionReferences = declared,
        };
        return new ValidatedModule(module, ValidateBodies(context));
    }

    private FunctionValidationInfo[] ValidateBodies(ValidationContext context)
    {
        if (module.Bodies.Count != module.FunctionTypeIndices.Count)
            throw new WasmCompileException($"function and code section have inconsistent lengths: {module.FunctionTypeIndices.Count} functions declared, {module.Bodies.Count} bodies", 0);
        int importedFunctions = context.Functions.Length - module.FunctionTypeIndices.Count;
        var validator = new FunctionValidator(context);
        var infos = new FunctionValidationInfo[module.Bodies.Count];
        for (int i = 0; i < infos.Length; i++)
            infos[i] = validator.Validate(importedFunctions + i, context.Functions[importedFunctions + i], module.Bodies[i]);
        return infos;
    }

    private FunctionType[] ResolveFunctions()
    {
        var functions = new List<FunctionType>(module.FunctionTypeIndices.Count);
        for (int i = 0; i < module.Imports.Count; i++)
        {
            Import import = module.Imports[i];
            if (import.Kind == ExternalKind.Function)
                functions.Add(TypeOf(import.FunctionTypeIndex, import, functions.Count, ModuleOffsets.At(_offsets.Imports, i)));
        }

        for (int i = 0; i < module.FunctionTypeIndices.Count; i++)
            functions.Add(TypeOf(module.FunctionTypeIndices[i], null, functions.Count, ModuleOffsets.At(_offsets.Functions, i)));
        if (functions.Count > WasmLimits.MaxFunctions)
            throw new WasmCompileException($"too many functions: {functions.Count} imported and defined, the limit is {WasmLimits.MaxFunctions}", ModuleOffsets.At(_offsets.Functions, 0));
        return [.. functions];
    }

    private FunctionType TypeOf(uint typeIndex, Import? import, int functionIndex, int offset) =>
        typeIndex < (uint)module.Types.Count
            ? module.Types[(int)typeIndex]
            : throw new WasmCompileException($"unknown type {typeIndex} for {(import is null ? $"function {functionIndex}" : $"imported function {import.Module}.{import.Name}")}: the module defines {module.Types.Count} types", offset);

    private TableType[] ResolveTables()
    {
        var tables = new List<TableType>();
        for (int i = 0; i < module.Imports.Count; i++)
        {
            if (module.Imports[i].Table is TableType imported)
                tables.Add(CheckTableType(imported, ModuleOffsets.At(_offsets.Imports, i)));
        }

        for (int i = 0; i < module.Tables.Count; i++)
            tables.Add(CheckTableType(module.Tables[i], ModuleOffsets.At(_offsets.Tables, i)));
        if (tables.Count > WasmLimits.MaxTables)
            throw new WasmCompileException($"too many tables: {tables.Count} imported and defined, the limit is {WasmLimits.MaxTables}", ModuleOffsets.At(_offsets.Tables, 0));
        return [.. tables];
    }

    /// <summary>
    /// Any u32 size is valid; how large a table may actually get is decided when it is instantiated,
    /// as in Wasmtime, because nothing is allocated for it here.
    /// </summary>
    private static TableType CheckTableType(TableType table, int offset)
    {
        CheckMinimumNotAboveMaximum(table.Limits, "table", offset);
        return table;
    }

    /// <summary>Wasm 2.0 has at most one memory; true when the module imports or defines it.</summary>
    private bool ResolveMemory()
    {
        int count = 0;
        for (int i = 0; i < module.Imports.Count; i++)
        {
            if (module.Imports[i].Memory is MemoryType imported)
                CheckMemoryType(imported, ++count, ModuleOffsets.At(_offsets.Imports, i));
        }

        for (int i = 0; i < module.Memories.Count; i++)
            CheckMemoryType(module.Memories[i], ++count, ModuleOffsets.At(_offsets.Memories, i));
        return count == 1;
    }

    private static void CheckMemoryType(MemoryType memory, int ordinal, int offset)
    {
        if (ordinal > 1)
            throw new WasmCompileException("multiple memories are not supported: Wasm 2.0 allows at most one memory per module", offset);
        Limits limits = memory.Limits;
        if (limits.Minimum > WasmLimits.MaxMemoryPages || limits.Maximum > WasmLimits.MaxMemoryPages)
            throw new WasmCompileException($"memory size must be at most {WasmLimits.MaxMemoryPages} pages (4 GiB), found {limits.Minimum}..{limits.Maximum?.ToString() ?? "unbounded"}", offset);
        CheckMinimumNotAboveMaximum(limits, "memory", offset);
    }

    private static void CheckMinimumNotAboveMaximum(Limits limits, string owner, int offset)
    {
        if (limits.Maximum < limits.Minimum)
            throw new WasmCompileException($"{owner} size minimum must not be greater than maximum: minimum {limits.Minimum}, maximum {limits.Maximum}", offset);
    }

    private GlobalType[] ResolveGlobals(out int importedCount)
    {
        var globals = new List<GlobalType>(module.Globals.Count);
        foreach (Import import in module.Imports)
        {
            if (import.Global is GlobalType imported)
                globals.Add(imported);
        }

        importedCount = globals.Count;
        foreach (Global global in module.Globals)
            globals.Add(global.Type);
        if (globals.Count > WasmLimits.MaxGlobals)
            throw new WasmCompileException($"too many globals: {globals.Count} imported and defined, the limit is {WasmLimits.MaxGlobals}", ModuleOffsets.At(_offsets.Globals, 0));
        return [.. globals];
    }

    private void CheckGlobalInitializers(ConstantExpressionChecker constants)
    {
        for (int i = 0; i < module.Globals.Count; i++)
        {
            Global global = module.Globals[i];
            constants.Check(global.Initializer, global.Type.Type, new ConstantSite("initializer of global", i), ModuleOffsets.At(_offsets.Globals, i));
        }
    }

    private void CheckExports(int functionCount, int tableCount, bool hasMemory, int globalCount, bool[] declared)
    {
        var names = new HashSet<string>(module.Exports.Count, StringComparer.Ordinal);
        for (int i = 0; i < module.Exports.Count; i++)
        {
            Export export = module.Exports[i];
            int offset = ModuleOffsets.At(_offsets.Exports, i);
            if (!names.Add(export.Name))
                throw new WasmCompileException($"duplicate export name \"{export.Name}\": export names must be unique", offset);
            int count = export.Kind switch
            {
                ExternalKind.Function => functionCount,
                ExternalKind.Table => tableCount,
                ExternalKind.Memory => hasMemory ? 1 : 0,
                _ => globalCount,
            };
            if (export.Index >= (uint)count)
                throw new WasmCompileException($"unknown {export.Kind.ToString().ToLowerInvariant()} {export.Index} in export \"{export.Name}\": the module has {count}", offset);
            if (export.Kind == ExternalKind.Function)
                declared[export.Index] = true;
        }
    }

    private void CheckStart(FunctionType[] functions)
    {
        if (module.StartFunction is not uint start)
            return;
        if (start >= (uint)functions.Length)
            throw new WasmCompileException($"unknown function {start} as start function: the module has {functions.Length} functions", _offsets.Start);
        FunctionType type = functions[start];
        if (type.Parameters.Count != 0 || type.Results.Count != 0)
            throw new WasmCompileException($"start function must have type () -> (), function {start} has type {type}", _offsets.Start);
    }
}
