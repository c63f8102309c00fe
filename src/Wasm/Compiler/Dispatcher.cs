using Hyperlight.Wasm.Model;
using Iced.Intel;
using static Hyperlight.Wasm.Compiler.Registers;
using static Iced.Intel.AssemblerRegisters;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// The image entry (vm-brief "Guest call"): loads the pinned registers from the control page,
/// selects the export named by the frame's function index (or runs initialisation), stages the
/// argument slots as core values (strings/bytes copied into linear memory through cabi_realloc),
/// calls the export, writes its results back into the frame (a string/bytes result is read from
/// its return area and copied into the payload), calls cabi_post_*, and leaves through ReturnEntry.
///
/// Dispatcher frame: [RBP−8] slot index, [RBP−16] core-value index, [RBP−24] core parameters the
/// export expects, [RBP−32] result 0, [RBP−40] the call's result type, read before the export runs
/// because a host call made by the export rewrites the frame header; the outgoing area for the export's arguments starts at RSP
/// (= RBP − FrameSize), which is where staging writes.
/// </summary>
internal sealed class Dispatcher
{
    private const int SlotIndex = -8;
    private const int CoreIndex = -16;
    private const int ExpectedCoreCount = -24;
    private const int FirstResult = -32;
    private const int SavedResultType = -40;
    private const int LocalsSize = 48;

    private readonly ModuleContext _ctx;
    private readonly Assembler _asm;
    private readonly ExportPlan _exports;
    private readonly GlueTraps _traps;
    private readonly Label _initialize;
    private readonly int _frameSize;

    private Label _entry;
    private Label _complete;
    private Label _table;

    // Result tails already emitted, by (result types only, cabi_post_ function, staging).
    private readonly Dictionary<(FunctionType Results, uint? PostReturn, Staging Staging), Label> _resultTails = [];

    // Staging routines by owning module, in the order the exports first need them.
    private readonly List<Staging> _staging = [];

    public Dispatcher(ModuleContext ctx, ExportPlan exports, GlueTraps traps, Label initialize)
    {
        _ctx = ctx;
        _asm = ctx.Asm;
        _exports = exports;
        _traps = traps;
        _initialize = initialize;
        _frameSize = (LocalsSize + (8 * exports.MaxOutgoingSlots) + 15) & ~15;
        _entry = _asm.CreateLabel();
        _complete = _asm.CreateLabel();
        _table = _asm.CreateLabel();
    }

    /// <summary>The bound entry label (its position is the image's EntryOffset).</summary>
    public Label Entry => _entry;

    private static AssemblerRegister64 Ctrl => Q(CallingConvention.Control);

    /// <summary>The memory the entry loads: memory 0, the host-visible one (the main module's).</summary>
    private const int EntryMemory = 0;

    private AssemblerMemoryOperand Outgoing(AssemblerRegister64 index) => __qword_ptr[rbp + (index * 8) - _frameSize];

    public void Emit()
    {
        EmitEntry();
        var stubs = new Label[_exports.Callable.Count];
        for (int i = 0; i < stubs.Length; i++)
        {
            stubs[i] = _asm.CreateLabel();
            _asm.Bind(ref stubs[i]);
            EmitExportStub(_exports.Callable[i]);
        }
        foreach (Staging staging in _staging)
        {
            EmitStageArguments(staging);
            EmitCopyResultOut(staging);
        }
        EmitJumpTable(stubs);
    }

    private void EmitEntry()
    {
        _asm.Bind(ref _entry);
        _asm.mov(Ctrl, rdi);
        _asm.mov(Q(CallingConvention.MemoryBase), __qword_ptr[Ctrl + ControlPage.LinearMemoryBase]);
        _asm.mov(Q(CallingConvention.Instance), __qword_ptr[Ctrl + ControlPage.GlobalsBase]);
        _asm.push(rbp);
        _asm.mov(rbp, rsp);
        _asm.lea(r11, __[rsp - (_frameSize + CallingConvention.StackReserve)]);
        _asm.cmp(r11, __qword_ptr[Ctrl + ControlPage.StackLimit]);
        _asm.jb(_traps.StackExhausted);
        _asm.sub(rsp, _frameSize);
        _asm.mov(rbx, __qword_ptr[Ctrl + ControlPage.CallFrameAddress]);
        _asm.mov(eax, __dword_ptr[rbx + CallFrameLayout.FunctionIndexOffset]);
        Label run = _asm.CreateLabel();
        _asm.cmp(eax, -1);
        _asm.jne(run);
        _asm.call(_initialize);
        // The initialisation returns the slot count of its report (Initializer.EmitUnit).
        _asm.mov(rbx, __qword_ptr[Ctrl + ControlPage.CallFrameAddress]);
        _asm.mov(__dword_ptr[rbx + CallFrameLayout.SlotCountOffset], eax);
        _asm.jmp(_complete);

        _asm.Bind(ref run);
        _asm.cmp(eax, _exports.Callable.Count);
        _asm.jae(_traps.ProtocolViolation);
        // Saved before the export runs: a host call it makes rewrites the frame header.
        _asm.movzx(ecx, __byte_ptr[rbx + CallFrameLayout.ResultTypeOffset]);
        _asm.mov(__qword_ptr[rbp + SavedResultType], rcx);
        _asm.jmp(_table);

        _asm.Bind(ref _complete);
        _asm.mov(rbx, __qword_ptr[Ctrl + ControlPage.CallFrameAddress]);
        _asm.mov(__dword_ptr[rbx + CallFrameLayout.StatusOffset], (int)CallFrameStatus.GuestCallCompleted);
        _asm.mov(rdi, Ctrl);
        _asm.jmp(__qword_ptr[Ctrl + ControlPage.ReturnEntry]);
    }

    private void EmitJumpTable(Label[] stubs)
    {
        _asm.Bind(ref _table);
        if (stubs.Length > 0)
            _ctx.JumpTables.EmitJump(Gpr.Rax, stubs);
        else
            _asm.jmp(_traps.ProtocolViolation);
    }

    /// <summary>
    /// The part of an export's stub that names the export: stage its arguments and call it. What
    /// follows depends only on the result types and the cabi_post_ helper, so exports that agree on
    /// those share one <see cref="EmitResultTail"/> (modules often export many functions of one
    /// signature; sharing keeps the dispatcher small and quick to assemble).
    /// </summary>
    private void EmitExportStub(CallableExport export)
    {
        Staging staging = StagingFor(export);
        if (staging.Memory != EntryMemory)
            _ctx.Memories.Enter(staging.Memory);
        _asm.mov(__dword_ptr[rbp + ExpectedCoreCount], export.Type.Parameters.Count);
        _asm.call(staging.StageArguments);
        _ctx.EmitCall(export.Function, staging.Memory);
        var key = (new FunctionType([], [.. export.Type.Results]), export.PostReturn, staging);
        if (_resultTails.TryGetValue(key, out Label tail))
        {
            _asm.jmp(tail);
            return;
        }
        tail = _asm.CreateLabel();
        _resultTails.Add(key, tail);
        _asm.Bind(ref tail);
        EmitResultTail(export.Type, export.PostReturn, staging);
    }

    /// <summary>
    /// The staging of the module whose code <paramref name="export"/> runs: the main module's for its
    /// own functions, and for a function it re-exports from another module with a memory, that
    /// module's, so the function finds its string arguments in the memory it reads, allocated by its
    /// own module's allocator. A function without memory (it cannot read strings) uses the main module's.
    /// </summary>
    private Staging StagingFor(CallableExport export)
    {
        ModuleContext owner = _ctx.Owner(export.Function);
        if (owner.MemoryIndex is null)
            owner = _ctx;
        foreach (Staging existing in _staging)
        {
            if (existing.Owner == owner)
                return existing;
        }
        var staging = new Staging(owner, _asm);
        _staging.Add(staging);
        return staging;
    }

    /// <summary>Moves the export's results into the frame (or copies a string/bytes result out), runs its cabi_post_ helper, completes the call.</summary>
    private void EmitResultTail(FunctionType type, uint? postReturn, Staging staging)
    {
        if (type.Results.Count > 0)
        {
            switch (type.Results[0])
            {
                case ValueType.F32: _asm.movd(eax, xmm0); break;
                case ValueType.F64: _asm.movq(rax, xmm0); break;
                case ValueType.I32: _asm.mov(eax, eax); break;
            }
            _asm.mov(__qword_ptr[rbp + FirstResult], rax);
        }

        Label post = _asm.CreateLabel();
        Label returnArea = type.Results.Count == 1 && type.Results[0] == ValueType.I32 ? _asm.CreateLabel() : _traps.ProtocolViolation;
        _asm.mov(rbx, __qword_ptr[Ctrl + ControlPage.CallFrameAddress]);
        _asm.mov(rcx, __qword_ptr[rbp + SavedResultType]);
        _asm.cmp(ecx, (int)AbiType.String);
        _asm.je(returnArea);
        _asm.cmp(ecx, (int)AbiType.Bytes);
        _asm.je(returnArea);

        if (type.Results.Count > 0)
        {
            _asm.mov(rax, __qword_ptr[rbp + FirstResult]);
            _asm.mov(__qword_ptr[rbx + CallFrameLayout.SlotsOffset], rax);
        }
        for (int k = 1; k < type.Results.Count; k++)
        {
            // Results 1.. were written by the callee into this frame's outgoing area.
            if (StackEntry.IsNarrow(type.Results[k]))
                _asm.mov(eax, __dword_ptr[rsp + (8 * k)]);
            else
                _asm.mov(rax, __qword_ptr[rsp + (8 * k)]);
            _asm.mov(__qword_ptr[rbx + CallFrameLayout.SlotsOffset + (8 * k)], rax);
        }
        _asm.mov(__dword_ptr[rbx + CallFrameLayout.SlotCountOffset], type.Results.Count);
        _asm.jmp(post);

        if (returnArea != _traps.ProtocolViolation)
        {
            _asm.Bind(ref returnArea);
            _asm.mov(eax, __dword_ptr[rbp + FirstResult]);
            _asm.call(staging.CopyResultOut);
        }

        _asm.Bind(ref post);
        if (postReturn is uint postFunction)
        {
            if (type.Results.Count > 0)
            {
                _asm.mov(rax, __qword_ptr[rbp + FirstResult]);
                _asm.mov(__qword_ptr[rsp], rax);
            }
            _ctx.EmitCall(postFunction, staging.Memory);
        }
        _asm.jmp(_complete);
    }

    /// <summary>
    /// Turns the frame's argument slots into core values in the outgoing area, following the slot
    /// type tags: a String/Bytes slot (payload offset | length &lt;&lt; 32) becomes (ptr, len) after
    /// cabi_realloc and a bounds-checked copy; any other slot is passed raw. State lives in the
    /// dispatcher frame because cabi_realloc clobbers every allocatable register.
    /// </summary>
    private void EmitStageArguments(Staging staging)
    {
        Label loop = _asm.CreateLabel();
        Label text = _asm.CreateLabel();
        Label done = _asm.CreateLabel();
        _asm.Bind(ref staging.StageArguments);
        _asm.sub(rsp, 40);
        _asm.mov(__dword_ptr[rbp + SlotIndex], 0);
        _asm.mov(__dword_ptr[rbp + CoreIndex], 0);

        _asm.Bind(ref loop);
        _asm.mov(rbx, __qword_ptr[Ctrl + ControlPage.CallFrameAddress]);
        _asm.mov(eax, __dword_ptr[rbp + SlotIndex]);
        _asm.cmp(eax, __dword_ptr[rbx + CallFrameLayout.SlotCountOffset]);
        _asm.jae(done);
        _asm.cmp(eax, CallFrameLayout.MaxSlots);
        _asm.jae(_traps.ProtocolViolation);
        _asm.mov(ecx, __dword_ptr[rbp + CoreIndex]);
        _asm.movzx(edx, __byte_ptr[rbx + rax + CallFrameLayout.SlotTypesOffset]);
        _asm.mov(r8, __qword_ptr[rbx + (rax * 8) + CallFrameLayout.SlotsOffset]);
        _asm.cmp(edx, (int)AbiType.String);
        _asm.je(text);
        _asm.cmp(edx, (int)AbiType.Bytes);
        _asm.je(text);
        _asm.cmp(ecx, __dword_ptr[rbp + ExpectedCoreCount]);
        _asm.jae(_traps.ProtocolViolation);
        _asm.mov(Outgoing(rcx), r8);
        _asm.inc(__dword_ptr[rbp + CoreIndex]);
        _asm.inc(__dword_ptr[rbp + SlotIndex]);
        _asm.jmp(loop);

        _asm.Bind(ref text);
        if (staging.Owner.Realloc is uint realloc)
        {
            _asm.lea(edx, __[rcx + 2]);
            _asm.cmp(edx, __dword_ptr[rbp + ExpectedCoreCount]);
            _asm.ja(_traps.ProtocolViolation);
            _asm.mov(__qword_ptr[rsp], 0);
            _asm.mov(__qword_ptr[rsp + 8], 0);
            _asm.mov(__qword_ptr[rsp + 16], 1);
            _asm.shr(r8, 32);
            _asm.mov(__qword_ptr[rsp + 24], r8);
            staging.Owner.EmitCall(realloc, staging.Memory);

            _asm.mov(rbx, __qword_ptr[Ctrl + ControlPage.CallFrameAddress]);
            _asm.mov(ecx, __dword_ptr[rbp + SlotIndex]);
            _asm.mov(r8, __qword_ptr[rbx + (rcx * 8) + CallFrameLayout.SlotsOffset]);
            _asm.mov(r9, r8);
            _asm.shr(r9, 32);
            _asm.mov(r8d, r8d);
            _asm.mov(r11d, eax);
            CheckPayloadRange(r8, r9);
            CheckMemoryRange(r11, r9, staging.Memory);
            _asm.lea(rsi, __[rbx + r8 + CallFrameLayout.PayloadOffset]);
            _asm.lea(rdi, __[Q(CallingConvention.MemoryBase) + r11]);
            _asm.mov(rcx, r9);
            _asm.rep.movsb();
            _asm.mov(ecx, __dword_ptr[rbp + CoreIndex]);
            _asm.mov(Outgoing(rcx), r11);
            _asm.mov(__qword_ptr[rbp + (rcx * 8) + (8 - _frameSize)], r9);
            _asm.add(__dword_ptr[rbp + CoreIndex], 2);
            _asm.inc(__dword_ptr[rbp + SlotIndex]);
            _asm.jmp(loop);
        }
        else
        {
            _asm.jmp(_traps.ProtocolViolation);
        }

        _asm.Bind(ref done);
        _asm.mov(eax, __dword_ptr[rbp + CoreIndex]);
        _asm.cmp(eax, __dword_ptr[rbp + ExpectedCoreCount]);
        _asm.jne(_traps.ProtocolViolation);
        _asm.add(rsp, 40);
        _asm.ret();
    }

    /// <summary>
    /// EAX = return-area pointer p: reads {u32 ptr, u32 len} at p, checks both against linear memory
    /// and the payload capacity, copies the bytes into the payload and sets slot 0 = len &lt;&lt; 32.
    /// </summary>
    private void EmitCopyResultOut(Staging staging)
    {
        var memory = Q(CallingConvention.MemoryBase);
        _asm.Bind(ref staging.CopyResultOut);
        _asm.mov(r11d, eax);
        _asm.lea(r10, __[r11 + 8]);
        _asm.cmp(r10, __qword_ptr[Ctrl + ControlPage.MemorySize(staging.Memory)]);
        _asm.ja(_traps.ProtocolViolation);
        _asm.mov(esi, __dword_ptr[memory + r11]);
        _asm.mov(ecx, __dword_ptr[memory + r11 + 4]);
        CheckMemoryRange(rsi, rcx, staging.Memory);
        _asm.mov(r10, __qword_ptr[Ctrl + ControlPage.CallFrameSize]);
        _asm.sub(r10, CallFrameLayout.PayloadOffset);
        _asm.cmp(rcx, r10);
        _asm.ja(_traps.ProtocolViolation);
        _asm.mov(__dword_ptr[rbx + CallFrameLayout.PayloadLengthOffset], ecx);
        _asm.mov(rax, rcx);
        _asm.shl(rax, 32);
        _asm.mov(__qword_ptr[rbx + CallFrameLayout.SlotsOffset], rax);
        _asm.mov(__dword_ptr[rbx + CallFrameLayout.SlotCountOffset], 1);
        _asm.lea(rdi, __[rbx + CallFrameLayout.PayloadOffset]);
        _asm.add(rsi, memory);
        _asm.rep.movsb();
        _asm.ret();
    }

    /// <summary>Traps unless [start, start+length) lies inside linear memory <paramref name="memory"/>. Clobbers R10.</summary>
    private void CheckMemoryRange(AssemblerRegister64 start, AssemblerRegister64 length, int memory)
    {
        _asm.lea(r10, __[start + length]);
        _asm.cmp(r10, __qword_ptr[Ctrl + ControlPage.MemorySize(memory)]);
        _asm.ja(_traps.ProtocolViolation);
    }

    /// <summary>Traps unless [offset, offset+length) lies inside the frame's payload area. Clobbers R10, RDX.</summary>
    private void CheckPayloadRange(AssemblerRegister64 offset, AssemblerRegister64 length)
    {
        _asm.lea(r10, __[offset + length]);
        _asm.mov(rdx, __qword_ptr[Ctrl + ControlPage.CallFrameSize]);
        _asm.sub(rdx, CallFrameLayout.PayloadOffset);
        _asm.cmp(r10, rdx);
        _asm.ja(_traps.ProtocolViolation);
    }

    /// <summary>
    /// The argument-staging and result-copying routines of one module's exports: they run on its memory
    /// (R14 already switched to it) and allocate with its cabi_realloc.
    /// </summary>
    private sealed class Staging(ModuleContext owner, Assembler asm)
    {
        public Label StageArguments = asm.CreateLabel();
        public Label CopyResultOut = asm.CreateLabel();

        public ModuleContext Owner => owner;

        /// <summary>The memory the routines work in (memory 0 for a module without one).</summary>
        public int Memory => owner.MemoryIndex ?? 0;
    }
}
