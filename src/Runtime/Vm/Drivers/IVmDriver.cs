namespace Hyperlight.Vm.Drivers;

/// <summary>
/// One virtual CPU running over one <see cref="GuestMemory"/>: the only thing the micro-VM engine
/// asks of KVM, Unicorn or the in-process runner (DESIGN.md §5 "Drivers", docs/memory-layout.md).
/// A driver is created by its <see cref="IVmDriverFactory"/> with the memory already laid out and
/// the page tables written; it sets the fixed CPU state itself (<see cref="GuestCpuState"/>: CR0,
/// CR3 = <see cref="GuestLayout.PageTableBase"/>, CR4, EFER = <see cref="GuestLayout.Efer"/>, CPL 3
/// segments) at creation and again in <see cref="ResetAfterCrash"/>.
/// </summary>
/// <remarks>
/// Not thread-safe, except <see cref="Interrupt"/>. <see cref="SetEntryState"/> and <see cref="Run"/>
/// are the per-call path: they must not allocate.
/// </remarks>
internal interface IVmDriver : IDisposable
{
    /// <summary>
    /// Prepares a fresh guest call: RIP, RSP, RDI from <paramref name="entry"/>, RFLAGS =
    /// <see cref="GuestCpuState.Rflags"/>, other general registers unspecified. Clears an interrupt
    /// that is still pending from an earlier call.
    /// </summary>
    void SetEntryState(in VmEntryState entry);

    /// <summary>
    /// Runs the guest until it leaves. After an <see cref="VmExitKind.IoOut"/> exit the next call
    /// resumes at the instruction after the <c>out</c>, with every general-purpose and XMM register
    /// preserved (the engine resumes only after host calls). Never throws for anything the guest does:
    /// guest faults and stops come back as exits; only host-side failures (an ioctl that fails for a
    /// reason the guest cannot cause) throw.
    /// </summary>
    VmExit Run();

    /// <summary>
    /// Asks a running (or the next) <see cref="Run"/> to return <see cref="VmExitKind.Interrupted"/>
    /// soon. Callable from any thread, any number of times, also when no run is in progress (the
    /// request then stays pending until the next <see cref="Run"/> or <see cref="SetEntryState"/>).
    /// The in-process driver cannot stop native code: there the guest's poll of
    /// <see cref="ControlPage.InterruptFlag"/> (set by the engine) is the only mechanism.
    /// </summary>
    void Interrupt();

    /// <summary>
    /// Makes the vCPU usable again after an exit that was neither an <c>out</c> nor an interruption
    /// (a fault, shutdown, internal error): restores the fixed CPU state of creation time.
    /// </summary>
    void ResetAfterCrash();

    /// <summary>Reads the general-purpose registers, RIP and RFLAGS (for crash reports; may be slow).</summary>
    void ReadRegisters(out VmRegisters registers);
}
