namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// The compiler's internal calling convention, shared by compiled functions, import thunks, the
/// dispatcher and the runtime glue. Nothing outside the image calls it.
///
/// Pinned registers (valid everywhere in guest code, never allocated):
///   R15 = control-page address (from RDI at entry), R14 = linear-memory base
///   ([ctrl+LinearMemoryBase]), R13 = instance data ([ctrl+GlobalsBase]: globals, tables,
///   segment lengths). The host never moves memory (it maps the whole maximum), so R14 stays valid
///   across memory.grow. They are callee-saved in the SysV ABI, so a host callback reached through
///   HostCallEntry in-process preserves them too.
/// Scratch registers: R10, R11 and XMM15 are free for any single instruction sequence; they never
///   hold a value-stack entry.
/// Allocatable: RAX RCX RDX RBX RSI RDI R8 R9 R12 and XMM0–XMM14. All of them are caller-saved:
///   before a call every live value is spilled to its frame slot.
/// Pinned locals: a function may keep its hottest locals in RBX R12 R8 R9 RDI and XMM14 down to
///   XMM7 for its whole body (PinnedLocals); those registers then leave its allocatable set. Being
///   caller-saved, they are written back to the locals' frame slots before a call and reloaded after
///   it; a local in RDI is also, around the bulk memory and table operations, which need RDI.
///
/// A call: the caller writes argument k (8 bytes, i32/f32 in the low half) at [RSP + 8k] in its
///   outgoing area and executes CALL. The callee sees argument k at [RBP + 16 + 8k]. Result 0 comes
///   back in RAX (integers, references) or XMM0 (floats); result k ≥ 1 is written by the callee to
///   [RBP + 16 + 8k] of its incoming area, which the caller reads at [RSP + 8k]. The outgoing area
///   is max(parameters, results) slots, allocated once in the caller's frame.
///
/// Frame (RBP-based; RSP is 16-byte aligned in the body because entry RSP ≡ 8 mod 16):
///   [RBP + 16 + 8k]  incoming arguments / results
///   [RBP + 8]        return address, [RBP] saved RBP
///   [RBP − 8(j+1)]   declared local j (zeroed in the prologue)
///   [RBP − 8(L+1+d)] home slot of value-stack depth d (L = declared locals)
///   [RSP + 8k]       outgoing area
/// The frame size is known only after the body, so the prologue is emitted after the body: the
/// function's entry label sits on the prologue, which checks the stack limit, zeroes the locals,
/// polls the interrupt flag and jumps to the body.
/// </summary>
internal static class CallingConvention
{
    public const Gpr Control = Gpr.R15;
    public const Gpr MemoryBase = Gpr.R14;
    public const Gpr Instance = Gpr.R13;
    public const Gpr Scratch = Gpr.R11;
    public const Gpr Scratch2 = Gpr.R10;
    public const int ScratchXmm = 15;

    /// <summary>Allocation order: registers that no fixed-register instruction needs come first.</summary>
    public static readonly Gpr[] AllocatableGprs = [Gpr.Rbx, Gpr.R12, Gpr.R8, Gpr.R9, Gpr.Rsi, Gpr.Rdi, Gpr.Rax, Gpr.Rdx, Gpr.Rcx];

    public const int AllocatableXmmCount = 15;

    /// <summary>
    /// Registers a function may pin locals to, in the order they are handed out. What stays
    /// allocatable (RSI RAX RDX RCX, XMM0–XMM6) covers the fixed registers of div, shifts by CL,
    /// call results (RAX/XMM0) and bulk operations (RDI aside, which they borrow back from its local),
    /// and the most registers one instruction holds at once (three, for select).
    /// </summary>
    public static readonly Gpr[] PinnableGprs = [Gpr.Rbx, Gpr.R12, Gpr.R8, Gpr.R9, Gpr.Rdi];

    public static readonly int[] PinnableXmms = [14, 13, 12, 11, 10, 9, 8, 7];

    public const int SlotSize = 8;

    /// <summary>Offset from RBP of incoming argument/result <paramref name="index"/>.</summary>
    public static int IncomingSlot(int index) => 16 + (SlotSize * index);

    /// <summary>Bytes below the frame that import thunks and runtime glue may use without their own check.</summary>
    public const int StackReserve = 256;
}

/// <summary>x86-64 general-purpose registers by encoding number.</summary>
internal enum Gpr : byte
{
    Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi, R8, R9, R10, R11, R12, R13, R14, R15,
}
