using Hyperlight.Images;
using Hyperlight.Wasm.Compiler.Emission;
using Hyperlight.Wasm.Linking;
using Hyperlight.Wasm.Model;
using Iced.Intel;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Compiles a link unit (one or more validated modules, linked) into a <see cref="GuestImage"/>:
/// the main module's dispatcher, each module's host-import thunks and function bodies, the
/// initialisation routine, trap stubs and the read-only data (function descriptors, data and
/// element segments), assembled at address 0 with RIP-relative references only.
/// </summary>
internal static class ModuleCompiler
{
    /// <summary>Instruction count above which a thread's assembler is dropped after use instead of kept (its list holds 40 bytes per instruction: about 10 MB here).</summary>
    private const int MaxRetainedInstructions = 1 << 18;

    // One assembler per thread, kept between compiles: Reset leaves its instruction list's capacity
    // in place, so each compile does not regrow a list of several MB on the large-object heap again
    // (the growth copies, and the gen-2 collections that the churn triggers, were a large share of
    // compile time).
    [ThreadStatic]
    private static Assembler? t_assembler;

    public static GuestImage Compile(LinkPlan plan)
    {
        Assembler asm = t_assembler ?? new Assembler(64);
        t_assembler = null;
        asm.Reset();
        try
        {
            return Compile(plan, asm);
        }
        finally
        {
            if (asm.Instructions.Count <= MaxRetainedInstructions)
                t_assembler = asm;
        }
    }

    private static GuestImage Compile(LinkPlan plan, Assembler asm)
    {
        var unit = new UnitContext(plan, asm);
        ModuleContext main = unit.Main;
        var exports = new ExportPlan(main);
        var traps = new GlueTraps(asm);
        Label initialize = asm.CreateLabel();

        var dispatcher = new Dispatcher(main, exports, traps, initialize);
        dispatcher.Emit();
        var imports = new List<GuestImport>();
        foreach (ModuleContext module in unit.Modules)
        {
            new ImportThunks(module, traps).Emit(imports);
            var functions = new FunctionCompiler(module);
            for (int i = 0; i < module.Module.Bodies.Count; i++)
                functions.Compile(i);
        }
        unit.Traps.EmitCommonStubs();
        Initializer.EmitUnit(unit, traps, initialize);
        traps.Emit();
        Label[] indirectEntries = unit.Memories.EmitIndirectEntries(unit.Functions);
        EmitReadOnlyData(unit, indirectEntries);

        EncodedImage encoded = ImageEncoder.Encode(asm.Instructions);
        byte[] code = encoded.Code;
        unit.JumpTables.Patch(encoded.Labels, code);

        return new GuestImage
        {
            Code = code,
            EntryOffset = encoded.Labels[dispatcher.Entry],
            Exports = [.. exports.Callable.Select(c => c.Image)],
            Imports = imports,
            DataRegionSize = unit.Layout.Size,
            InitialData = unit.Layout.InitialData,
            MemoryMinimumPages = plan.Memories.Count > 0 ? plan.Memories[0].Type.Limits.Minimum : null,
            MemoryMaximumPages = plan.Memories.Count > 0 ? plan.Memories[0].Type.Limits.Maximum : null,
            AdditionalMemories = [.. plan.Memories.Skip(1).Select(m => new GuestMemoryLimits(m.Type.Limits.Minimum, m.Type.Limits.Maximum))],
            FunctionNames = UnitFunctionNames.Of(plan),
            NeedsInitialization = Initializer.IsNeeded(plan),
            SizeChecks = [.. plan.SizeChecks.Select(deferred => deferred.Check)],
            Globals = ExportedEntities.Globals(main),
            MemoryExports = ExportedEntities.Names(main.Module, ExternalKind.Memory),
            Tables = ExportedEntities.Tables(main),
            FunctionCount = (uint)plan.Functions.Count,
        };
    }

    private static void EmitReadOnlyData(UnitContext unit, Label[] indirectEntries)
    {
        Assembler asm = unit.Asm;
        unit.JumpTables.EmitTaggedTable(unit.FunctionDescriptors, indirectEntries, unit.FunctionTypeIds());
        unit.Constants.Emit();
        foreach (ModuleContext ctx in unit.Modules)
        {
            for (int s = 0; s < ctx.ElementSegments.Length; s++)
            {
                ElementSegment segment = ctx.Module.Elements[s];
                var bytes = new byte[8 * segment.Items.Count];
                for (int i = 0; i < segment.Items.Count; i++)
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8 * i), ctx.Layout.EvaluateConstant(segment.Items[i]));
                asm.Bind(ref ctx.ElementSegments[s]);
                EmitData(asm, bytes);
            }
            for (int s = 0; s < ctx.DataSegments.Length; s++)
            {
                asm.Bind(ref ctx.DataSegments[s]);
                EmitData(asm, ctx.Module.Data[s].Bytes.ToArray());
            }
        }
        // A label needs an instruction after it; this also pads the image end.
        asm.int3();
    }

    /// <summary>Raw bytes; an empty segment still gets one byte so its label has something to sit on.</summary>
    private static void EmitData(Assembler asm, byte[] bytes)
    {
        if (bytes.Length > 0)
            asm.db(bytes);
        else
            asm.int3();
    }
}
