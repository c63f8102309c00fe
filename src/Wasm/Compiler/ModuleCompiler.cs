using Hyperlight.Images;
using Hyperlight.Wasm.Compiler.Emission;
using Hyperlight.Wasm.Model;
using Iced.Intel;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Compiles a validated module into a <see cref="GuestImage"/>: dispatcher, import thunks, every
/// function body, the initialisation routine, trap stubs and the read-only data (function
/// descriptors, data and element segments), assembled at address 0 with RIP-relative references only.
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

    public static GuestImage Compile(WasmModule module)
    {
        CheckSupported(module);
        Assembler asm = t_assembler ?? new Assembler(64);
        t_assembler = null;
        asm.Reset();
        try
        {
            return Compile(module, asm);
        }
        finally
        {
            if (asm.Instructions.Count <= MaxRetainedInstructions)
                t_assembler = asm;
        }
    }

    private static GuestImage Compile(WasmModule module, Assembler asm)
    {
        var ctx = new ModuleContext(module, asm);
        var exports = new ExportPlan(ctx);
        var traps = new GlueTraps(asm);
        Label initialize = asm.CreateLabel();

        var dispatcher = new Dispatcher(ctx, exports, traps, initialize);
        dispatcher.Emit();
        List<GuestImport> imports = new ImportThunks(ctx, exports, traps).Emit();
        for (int i = 0; i < module.Bodies.Count; i++)
            new FunctionCompiler(ctx, i).Compile();
        ctx.Traps.EmitCommonStubs();
        new Initializer(ctx, traps).Emit(initialize);
        traps.Emit();
        EmitReadOnlyData(ctx);

        EncodedImage encoded = ImageEncoder.Encode(asm.Instructions);
        byte[] code = encoded.Code;
        ctx.JumpTables.Patch(encoded.Labels, code);

        MemoryType? memory = module.Memories.Count > 0 ? module.Memories[0] : null;
        return new GuestImage
        {
            Code = code,
            EntryOffset = encoded.Labels[dispatcher.Entry],
            Exports = [.. exports.Callable.Select(c => c.Image)],
            Imports = imports,
            DataRegionSize = ctx.Layout.Size,
            InitialData = ctx.Layout.InitialData,
            MemoryMinimumPages = memory?.Limits.Minimum,
            MemoryMaximumPages = memory?.Limits.Maximum,
            FunctionNames = new Dictionary<uint, string>(module.FunctionNames),
            NeedsInitialization = Initializer.IsNeeded(module),
        };
    }

    private static void CheckSupported(WasmModule module)
    {
        for (int i = 0; i < module.Imports.Count; i++)
        {
            Import import = module.Imports[i];
            if (import.Kind != ExternalKind.Function)
                throw new WasmCompileException($"Importing a {import.Kind.ToString().ToLowerInvariant()} ({import.Module}.{import.Name}) is not supported; only functions can be imported", ModuleOffsets.At(module.Offsets.Imports, i));
        }
        if (module.Memories.Count > 1)
            throw new WasmCompileException("Multiple memories are not supported", ModuleOffsets.At(module.Offsets.Memories, 1));
    }

    private static void EmitReadOnlyData(ModuleContext ctx)
    {
        Assembler asm = ctx.Asm;
        var typeIds = new uint[ctx.FunctionTypes.Length];
        for (int f = 0; f < typeIds.Length; f++)
            typeIds[f] = ctx.TypeIdOfFunction(f);
        ctx.JumpTables.EmitTaggedTable(ctx.FunctionDescriptors, ctx.Entries, typeIds);
        ctx.Constants.Emit();

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
