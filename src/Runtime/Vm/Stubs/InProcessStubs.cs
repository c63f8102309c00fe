using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Vm.Stubs;

/// <summary>
/// Stubs for the in-process driver, where the guest runs on the calling thread's own stack:
/// <list type="bullet">
/// <item>Enter (SysV: rdi = control page, rsi = entry address, rdx = stack budget; returns the port
/// number in eax): saves the callee-saved registers, records RSP in
/// <see cref="ControlPage.EntryStackPointer"/>, sets <see cref="ControlPage.StackLimit"/> = RSP − budget
/// and calls the entry.</item>
/// <item>Return / Trap: put <see cref="IoPorts.Return"/> / <see cref="IoPorts.Trap"/> in eax, point RSP
/// back at the return address Enter's <c>call</c> pushed (from <see cref="ControlPage.EntryStackPointer"/>,
/// via RDI) and <c>ret</c> to it. Returning through that <c>ret</c>, rather than unwinding Enter's frame
/// directly, keeps the CPU's return-stack predictor in step with the host's calls. A guest that uses
/// <c>ret</c> itself lands in the same place; unless eax then holds one of the two ports, Enter reports 0,
/// which the driver turns into a protocol break.</item>
/// <item>HostCall: calls the host's <c>[UnmanagedCallersOnly]</c> callback at
/// <see cref="ControlPage.HostCallFunctionPointer"/> with the control page, keeping every GPR and XMM
/// register as a VM exit would.</item>
/// </list>
/// </summary>
internal static class InProcessStubs
{
    private const int XmmSaveBytes = 16 * 16;
    private static readonly AssemblerRegister64[] CallerSaved = [rax, rcx, rdx, rsi, rdi, r8, r9, r10, r11];
    private static readonly AssemblerRegisterXMM[] Xmm = [xmm0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7, xmm8, xmm9, xmm10, xmm11, xmm12, xmm13, xmm14, xmm15];

    public static DriverStubs Instance { get; } = DriverStubs.Assemble(Emit);

    private static StubLabels Emit(Assembler asm)
    {
        Label leave = asm.CreateLabel();
        Label unwind = asm.CreateLabel();
        Label knownPort = asm.CreateLabel();

        Label enter = asm.CreateLabel();
        asm.Label(ref enter);
        asm.push(rbx);
        asm.push(rbp);
        asm.push(r12);
        asm.push(r13);
        asm.push(r14);
        asm.push(r15);
        asm.sub(rsp, 8); // 16-byte aligned here, so the guest starts with RSP ≡ 8 (mod 16) as after a call
        asm.mov(__qword_ptr[rdi + ControlPage.EntryStackPointer], rsp);
        asm.mov(rax, rsp);
        asm.sub(rax, rdx);
        asm.mov(__qword_ptr[rdi + ControlPage.StackLimit], rax);
        asm.call(rsi);
        asm.cmp(eax, IoPorts.Return);
        asm.je(knownPort);
        asm.cmp(eax, IoPorts.Trap);
        asm.je(knownPort);
        asm.xor(eax, eax);
        asm.Label(ref knownPort);
        asm.jmp(leave);

        Label returnEntry = asm.CreateLabel();
        asm.Label(ref returnEntry);
        asm.mov(eax, IoPorts.Return);
        asm.jmp(unwind);

        Label trapEntry = asm.CreateLabel();
        asm.Label(ref trapEntry);
        asm.mov(eax, IoPorts.Trap);
        asm.Label(ref unwind);
        asm.mov(rsp, __qword_ptr[rdi + ControlPage.EntryStackPointer]);
        asm.sub(rsp, 8);
        asm.ret();

        asm.Label(ref leave);
        asm.add(rsp, 8);
        asm.pop(r15);
        asm.pop(r14);
        asm.pop(r13);
        asm.pop(r12);
        asm.pop(rbp);
        asm.pop(rbx);
        asm.ret();

        Label hostCallEntry = asm.CreateLabel();
        asm.Label(ref hostCallEntry);
        asm.push(rbp);
        asm.mov(rbp, rsp);
        asm.and(rsp, -16);
        int frame = XmmSaveBytes + (((CallerSaved.Length * 8) + 15) & ~15);
        asm.sub(rsp, frame);
        for (int i = 0; i < Xmm.Length; i++)
            asm.movaps(__xmmword_ptr[rsp + (i * 16)], Xmm[i]);
        for (int i = 0; i < CallerSaved.Length; i++)
            asm.mov(__qword_ptr[rsp + XmmSaveBytes + (i * 8)], CallerSaved[i]);
        asm.call(__qword_ptr[rdi + ControlPage.HostCallFunctionPointer]);
        for (int i = 0; i < Xmm.Length; i++)
            asm.movaps(Xmm[i], __xmmword_ptr[rsp + (i * 16)]);
        for (int i = 0; i < CallerSaved.Length; i++)
            asm.mov(CallerSaved[i], __qword_ptr[rsp + XmmSaveBytes + (i * 8)]);
        asm.mov(rsp, rbp);
        asm.pop(rbp);
        asm.ret();
        return new StubLabels(returnEntry, trapEntry, hostCallEntry, enter);
    }
}
