using Hyperlight.Images;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm.Compiler;

/// <summary>The main module's exports other than functions, as the image describes them to the host's untyped API.</summary>
internal static class ExportedEntities
{
    public static List<GuestGlobal> Globals(ModuleContext main) =>
        [.. main.Module.Exports
            .Where(e => e.Kind == ExternalKind.Global)
            .Select(e => new GuestGlobal(e.Name, main.Layout.GlobalOffset(e.Index), ExportPlan.ToCore(main.GlobalTypes[e.Index].Type), main.GlobalTypes[e.Index].Mutable))];

    public static List<GuestTable> Tables(ModuleContext main) =>
        [.. main.Module.Exports
            .Where(e => e.Kind == ExternalKind.Table)
            .Select(e => new GuestTable(e.Name, main.Layout.TableOffset(e.Index), main.Layout.TableCapacity(e.Index), ExportPlan.ToCore(main.TableTypes[e.Index].ElementType)))];

    public static List<string> Names(WasmModule module, ExternalKind kind) =>
        [.. module.Exports.Where(e => e.Kind == kind).Select(e => e.Name)];
}
