using Hyperlight.Images;
using Hyperlight.Wasm.Model;
using Iced.Intel;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// One thunk per imported function (vm-brief "Host call"), called like any compiled function: it
/// writes the import index, status and the flattened core arguments into the call frame, calls
/// [ctrl+HostCallEntry] with RDI = ctrl on a 16-byte aligned stack, and on HostCallCompleted returns
/// slot 0 as the core result. A string/bytes result (ResultType) is copied into memory allocated
/// with cabi_realloc and {ptr, len} stored at the trailing retptr parameter.
/// </summary>
internal sealed class ImportThunks(ModuleContext ctx, GlueTraps traps)
{
    private readonly Assembler _asm = ctx.Asm;

    private static AssemblerRegister64 Ctrl => Q(CallingConvention.Control);

    /// <summary>The memory strings and bytes cross in: the importing module's (memory 0 for a module without one).</summary>
    private int TextMemory => ctx.MemoryIndex ?? 0;

    /// <summary>Emits a thunk for each of the module's imports that the host serves, appending it to <paramref name="imports"/> (whose count numbers host calls across the unit).</summary>
    public void Emit(List<GuestImport> imports)
    {
        uint function = 0;
        foreach (Import import in ctx.Module.Imports)
        {
            if (import.Kind != ExternalKind.Function)
                continue;
            if (ctx.IsHostImport(function))
            {
                FunctionType type = ctx.FunctionTypes[function];
                if (type.Parameters.Count > CallFrameLayout.MaxSlots || type.Results.Count > 1)
                    throw new WasmCompileException($"Import {import.Module}.{import.Name} {type} needs more than {CallFrameLayout.MaxSlots} parameters or more than one result", 0);
                uint hostIndex = (uint)imports.Count;
                imports.Add(new GuestImport(import.Module, import.Name, hostIndex, [.. type.Parameters.Select(ExportPlan.ToCore)], [.. type.Results.Select(ExportPlan.ToCore)]) { Memory = TextMemory });
                _asm.Bind(ref ctx.Entries[function]);
                EmitThunk(hostIndex, ctx.UnitFunction(function), type);
            }
            function++;
        }
    }

    private void EmitThunk(uint index, uint unitFunction, FunctionType type)
    {
        Label failed = traps.Add(TrapKind.HostFunctionFailed, unitFunction);
        _asm.push(rbp);
        _asm.mov(rbp, rsp);
        _asm.mov(rbx, __qword_ptr[Ctrl + ControlPage.CallFrameAddress]);
        _asm.mov(__dword_ptr[rbx + CallFrameLayout.FunctionIndexOffset], (int)index);
        _asm.mov(__dword_ptr[rbx + CallFrameLayout.StatusOffset], (int)CallFrameStatus.HostCallRequested);
        _asm.mov(__dword_ptr[rbx + CallFrameLayout.SlotCountOffset], type.Parameters.Count);
        for (int k = 0; k < type.Parameters.Count; k++)
        {
            // i32/f32 are zero-extended to the slot's 64 bits; floats travel as their bits.
            if (StackEntry.IsNarrow(type.Parameters[k]))
                _asm.mov(eax, __dword_ptr[rbp + CallingConvention.IncomingSlot(k)]);
            else
                _asm.mov(rax, __qword_ptr[rbp + CallingConvention.IncomingSlot(k)]);
            _asm.mov(__qword_ptr[rbx + CallFrameLayout.SlotsOffset + (8 * k)], rax);
        }
        _asm.and(rsp, -16);
        _asm.mov(rdi, Ctrl);
        _asm.call(__qword_ptr[Ctrl + ControlPage.HostCallEntry]);
        _asm.mov(rsp, rbp);
        _asm.mov(rbx, __qword_ptr[Ctrl + ControlPage.CallFrameAddress]);
        _asm.cmp(__dword_ptr[rbx + CallFrameLayout.StatusOffset], (int)CallFrameStatus.HostCallCompleted);
        _asm.jne(failed);

        bool mayReturnText = type.Results.Count == 0 && type.Parameters.Count > 0 && type.Parameters[^1] == ValueType.I32;
        if (mayReturnText)
            EmitTextResult(type.Parameters.Count - 1);
        if (type.Results.Count == 1)
        {
            switch (type.Results[0])
            {
                case ValueType.F32: _asm.movss(xmm0, __dword_ptr[rbx + CallFrameLayout.SlotsOffset]); break;
                case ValueType.F64: _asm.movsd(xmm0, __qword_ptr[rbx + CallFrameLayout.SlotsOffset]); break;
                default: _asm.mov(rax, __qword_ptr[rbx + CallFrameLayout.SlotsOffset]); break;
            }
        }
        _asm.leave();
        _asm.ret();
    }

    /// <summary>When the frame's ResultType is String/Bytes: allocate, copy the payload in, store {ptr, len} at retptr.</summary>
    private void EmitTextResult(int retptrParameter)
    {
        Label done = _asm.CreateLabel();
        Label text = _asm.CreateLabel();
        var memory = Q(CallingConvention.MemoryBase);
        _asm.movzx(eax, __byte_ptr[rbx + CallFrameLayout.ResultTypeOffset]);
        _asm.cmp(eax, (int)AbiType.String);
        _asm.je(text);
        _asm.cmp(eax, (int)AbiType.Bytes);
        _asm.jne(done);
        _asm.Bind(ref text);
        if (ctx.Realloc is not uint realloc)
        {
            _asm.jmp(traps.ProtocolViolation);
            _asm.Bind(ref done);
            return;
        }
        _asm.sub(rsp, 32);
        _asm.mov(__qword_ptr[rsp], 0);
        _asm.mov(__qword_ptr[rsp + 8], 0);
        _asm.mov(__qword_ptr[rsp + 16], 1);
        _asm.mov(rax, __qword_ptr[rbx + CallFrameLayout.SlotsOffset]);
        _asm.shr(rax, 32);
        _asm.mov(__qword_ptr[rsp + 24], rax);
        // A module without memory never holds a base: give the allocator and the copy memory 0's.
        if (ctx.MemoryIndex is null)
            ctx.Memories.Enter(TextMemory);
        ctx.EmitCall(realloc, TextMemory);
        _asm.mov(rsp, rbp);

        _asm.mov(rbx, __qword_ptr[Ctrl + ControlPage.CallFrameAddress]);
        _asm.mov(r9, __qword_ptr[rbx + CallFrameLayout.SlotsOffset]);
        _asm.mov(r8d, r9d);
        _asm.shr(r9, 32);
        _asm.mov(r11d, eax);
        // Source: inside the payload; destination: inside linear memory; retptr: 8 bytes inside memory.
        _asm.lea(r10, __[r8 + r9]);
        _asm.mov(rdx, __qword_ptr[Ctrl + ControlPage.CallFrameSize]);
        _asm.sub(rdx, CallFrameLayout.PayloadOffset);
        _asm.cmp(r10, rdx);
        _asm.ja(traps.ProtocolViolation);
        _asm.lea(r10, __[r11 + r9]);
        _asm.cmp(r10, __qword_ptr[Ctrl + ControlPage.MemorySize(TextMemory)]);
        _asm.ja(traps.ProtocolViolation);
        _asm.mov(edx, __dword_ptr[rbp + CallingConvention.IncomingSlot(retptrParameter)]);
        _asm.lea(r10, __[rdx + 8]);
        _asm.cmp(r10, __qword_ptr[Ctrl + ControlPage.MemorySize(TextMemory)]);
        _asm.ja(traps.ProtocolViolation);
        _asm.lea(rsi, __[rbx + r8 + CallFrameLayout.PayloadOffset]);
        _asm.lea(rdi, __[memory + r11]);
        _asm.mov(rcx, r9);
        _asm.rep.movsb();
        _asm.mov(__dword_ptr[memory + rdx], r11d);
        _asm.mov(__dword_ptr[memory + rdx + 4], r9d);
        _asm.Bind(ref done);
    }
}
