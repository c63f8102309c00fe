using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Vm.Stubs;

/// <summary>
/// Stubs for the VM drivers (KVM, emulated): each is an <c>out</c> to its port, which exits to the
/// host; the host-call stub resumes and returns to the thunk. Return and trap are never resumed;
/// each jumps back to its own <c>out</c>, so nothing else ever runs after it. That matters on Unicorn,
/// where a stop requested from the <c>out</c> hook takes effect at the end of the translation block:
/// the jump ends the block cleanly (an invalid instruction there would end emulation with an error
/// instead and leave the stop request pending for the next run).
/// </summary>
internal static class VmExitStubs
{
    public static DriverStubs Instance { get; } = DriverStubs.Assemble(static asm =>
    {
        Label returnEntry = asm.CreateLabel();
        asm.Label(ref returnEntry);
        asm.@out(IoPorts.Return, al);
        asm.jmp(returnEntry);

        Label trapEntry = asm.CreateLabel();
        asm.Label(ref trapEntry);
        asm.@out(IoPorts.Trap, al);
        asm.jmp(trapEntry);

        Label hostCallEntry = asm.CreateLabel();
        asm.Label(ref hostCallEntry);
        asm.@out(IoPorts.HostCall, al);
        asm.ret();
        return new StubLabels(returnEntry, trapEntry, hostCallEntry, default);
    });
}
