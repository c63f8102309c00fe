using System.Runtime.InteropServices;
using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Stubs;

namespace Hyperlight.Vm.InProcess;

/// <summary>
/// Runs the guest code directly on the calling thread, where the host mapped it: no VM boundary,
/// only the compiled code's own checks. A CPU fault here is a fault of the host process, so this
/// driver may only run code whose checks are all explicit (never hand-written fault tests).
/// Host calls arrive through <see cref="OnHostCall"/>, whose address the loader writes into
/// <see cref="ControlPage.HostCallFunctionPointer"/>; timeouts rely on the guest polling
/// <see cref="ControlPage.InterruptFlag"/>.
/// </summary>
internal sealed unsafe class InProcessDriver : IVmDriver
{
    /// <summary>The driver whose guest is running on this thread, for the host-call callback (saved and restored, so a host function may run another sandbox).</summary>
    [ThreadStatic]
    private static InProcessDriver? t_running;

    private readonly IHostCallHandler _hostCalls;
    private readonly delegate* unmanaged<ulong, ulong, ulong, uint> _enter;
    private readonly ulong _stackBudget;
    private VmEntryState _entry;

    public InProcessDriver(GuestMemory memory, IHostCallHandler hostCalls)
    {
        _hostCalls = hostCalls;
        GuestLayout layout = memory.Layout;
        _enter = (delegate* unmanaged<ulong, ulong, ulong, uint>)memory.Pointer(layout.StubsOffset + (ulong)InProcessStubs.Instance.EnterOffset);
        _stackBudget = layout.Stack.Size - (layout.StackLimit - layout.Stack.Offset);
    }

    /// <summary>The value for <see cref="ControlPage.HostCallFunctionPointer"/>.</summary>
    public static ulong HostCallCallback => (ulong)(delegate* unmanaged<ulong, void>)&OnHostCall;

    public void SetEntryState(in VmEntryState entry) => _entry = entry;

    public VmExit Run()
    {
        InProcessDriver? outer = t_running;
        t_running = this;
        uint port;
        try
        {
            port = _enter(_entry.Rdi, _entry.Rip, _stackBudget);
        }
        finally
        {
            t_running = outer;
        }
        return port != 0
            ? VmExit.IoOut((ushort)port, 0)
            : VmExit.Unexpected(0, 0, "The guest returned to its caller with ret instead of jumping to ControlPage.ReturnEntry.");
    }

    /// <summary>Nothing to do: native code cannot be stopped from outside; the engine's interrupt flag is what the guest polls.</summary>
    public void Interrupt() { }

    /// <summary>Nothing to reset: the guest leaves no CPU state behind once Enter has returned.</summary>
    public void ResetAfterCrash() { }

    /// <summary>Registers are not observable in-process (an exit here is always a normal return); reports zeros.</summary>
    public void ReadRegisters(out VmRegisters registers) => registers = default;

    public void Dispose() { }

    [UnmanagedCallersOnly]
    private static void OnHostCall(ulong controlPage)
    {
        // HandleHostCall never throws (an exception must not unwind through guest frames); its
        // status in the frame tells the guest's thunk whether to continue or trap.
        t_running?._hostCalls.HandleHostCall();
    }
}
