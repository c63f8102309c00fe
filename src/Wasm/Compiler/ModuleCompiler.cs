using Hyperlight.Images;
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
    public static GuestImage Compile(WasmModule module)
    {
        CheckSupported(module);
        var asm = new Assembler(64);
        var ctx = new ModuleContext(module, asm);
        var exports = new ExportPlan(ctx);
        var traps = new GlueTraps(asm);
        Label initialize = asm.CreateLabel();

        var dispatcher = new Dispatcher(ctx, exports, traps, initialize);
        dispatcher.Emit();
        List<GuestImport> imports = new ImportThunks(ctx, exports, traps).Emit();
        for (int i = 0; i < module.Bodies.Count; i++)
            new FunctionCompiler(ctx, i).Compile();
        new Initializer(ctx, traps).Emit(initialize);
        traps.Emit();
        EmitReadOnlyData(ctx);

        var writer = new CodeBuffer();
        AssemblerResult result = asm.Assemble(writer, 0, BlockEncoderOptions.ReturnNewInstructionOffsets);
        byte[] code = writer.ToArray();
        ctx.JumpTables.Patch(result, code);

        MemoryType? memory = module.Memories.Count > 0 ? module.Memories[0] : null;
        return new GuestImage
        {
            Code = code,
            EntryOffset = checked((int)result.GetLabelRIP(dispatcher.Entry)),
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

    /// <summary>An Iced code writer into a growable buffer.</summary>
    private sealed class CodeBuffer : CodeWriter
    {
        private readonly MemoryStream _stream = new();

        public override void WriteByte(byte value) => _stream.WriteByte(value);

        public byte[] ToArray() => _stream.ToArray();
    }
}
