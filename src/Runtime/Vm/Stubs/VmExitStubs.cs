using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Vm.Stubs;

/// <summary>
/// Stubs for the VM drivers (KVM, emulated): each is an <c>out</c> to its port, which exits to the
/// host. Return and trap are never resumed, so a <c>ud2</c> after them turns a wrong resume into a
/// crash instead of running whatever follows; the host-call stub resumes and returns to the thunk.
/// </summary>
internal static class VmExitStubs
{
    public static DriverStubs Instance { get; } = DriverStubs.Assemble(static asm =>
    {
        Label returnEntry = asm.CreateLabel();
        asm.Label(ref returnEntry);
        asm.@out(IoPorts.Return, al);
        asm.ud2();

        Label trapEntry = asm.CreateLabel();
        asm.Label(ref trapEntry);
        asm.@out(IoPorts.Trap, al);
        asm.ud2();

        Label hostCallEntry = asm.CreateLabel();
        asm.Label(ref hostCallEntry);
        asm.@out(IoPorts.HostCall, al);
        asm.ret();
        return new StubLabels(returnEntry, trapEntry, hostCallEntry, default);
    });
}
