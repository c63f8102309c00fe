using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Wasm.Tests.Compiler.Harness;

/// <summary>
/// The in-process enter/return/trap/host-call stubs of vm-brief, for the test harness only.
/// Enter(rdi = ctrl, rsi = entry, rdx = stack budget) returns 0xE0 (return) or 0xE2 (trap) in EAX.
/// </summary>
internal static class HarnessStubs
{
    public static (byte[] Code, int Enter, int Return, int Trap, int HostCall) Assemble()
    {
        var asm = new Assembler(64);
        Label enter = asm.CreateLabel(), returnEntry = asm.CreateLabel(), trapEntry = asm.CreateLabel();
        Label unwind = asm.CreateLabel(), hostCall = asm.CreateLabel();

        asm.Label(ref enter);
        asm.push(rbx);
        asm.push(rbp);
        asm.push(r12);
        asm.push(r13);
        asm.push(r14);
        asm.push(r15);
        asm.sub(rsp, 8);
        // .NET leaves the upper YMM halves dirty; legacy-SSE guest code would then pay a state
        // transition penalty on every float instruction.
        if (System.Runtime.Intrinsics.X86.Avx.IsSupported)
            asm.vzeroupper();
        asm.mov(__qword_ptr[rdi + ControlPage.EntryStackPointer], rsp);
        asm.mov(rax, rsp);
        asm.sub(rax, rdx);
        asm.mov(__qword_ptr[rdi + ControlPage.StackLimit], rax);
        asm.call(rsi);
        asm.mov(eax, 0); // the guest returned with ret instead of leaving through ReturnEntry
        asm.jmp(unwind);

        asm.Label(ref returnEntry);
        asm.mov(eax, IoPorts.Return);
        asm.jmp(unwind);
        asm.Label(ref trapEntry);
        asm.mov(eax, IoPorts.Trap);
        asm.Label(ref unwind);
        asm.mov(rsp, __qword_ptr[rdi + ControlPage.EntryStackPointer]);
        asm.add(rsp, 8);
        asm.pop(r15);
        asm.pop(r14);
        asm.pop(r13);
        asm.pop(r12);
        asm.pop(rbp);
        asm.pop(rbx);
        asm.ret();

        // Entered with RSP ≡ 8 (mod 16), like a function: realign for the SysV callback.
        asm.Label(ref hostCall);
        asm.sub(rsp, 8);
        asm.call(__qword_ptr[rdi + ControlPage.HostCallFunctionPointer]);
        asm.add(rsp, 8);
        asm.ret();

        var writer = new BufferWriter();
        AssemblerResult result = asm.Assemble(writer, 0, BlockEncoderOptions.ReturnNewInstructionOffsets);
        return (writer.Bytes.ToArray(), (int)result.GetLabelRIP(enter), (int)result.GetLabelRIP(returnEntry), (int)result.GetLabelRIP(trapEntry), (int)result.GetLabelRIP(hostCall));
    }

    private sealed class BufferWriter : CodeWriter
    {
        public List<byte> Bytes { get; } = [];

        public override void WriteByte(byte value) => Bytes.Add(value);
    }
}
