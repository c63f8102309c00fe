using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hyperlight.Vm.Drivers;

namespace Hyperlight.Vm.Emulated;

/// <summary>
/// Runs the guest on Unicorn's software x86-64 CPU, with the same page tables, control registers and
/// CPL 3 segments as KVM. Guest memory is mapped with <c>uc_mem_map_ptr</c>, so the emulator and the
/// host share its bytes. Host calls run inside the <c>out</c> hook (no stop/restart per call); an
/// <c>out</c> to the return or trap port stops emulation. Unicorn is more permissive than hardware
/// (<c>out</c> works at any IOPL, <c>hlt</c> just ends emulation), so any stop that did not come from
/// one of the hooks below is reported as a crash, keeping behaviour identical to KVM.
/// </summary>
/// <remarks>
/// Every call starts from a CPU context saved right after the fixed state was set. Reloading it is
/// what keeps fault reports right: the emulator remembers the last exception (QEMU's double-fault
/// bookkeeping) across runs, so without it the first page fault after any earlier run arrives as a
/// double fault (vector 8) and the next one as a silent triple-fault stop (measured on 2.0.1).
/// </remarks>
internal sealed unsafe class EmulatedDriver : IVmDriver
{
    /// <summary>Never reached: a non-canonical address, so only hooks and errors end emulation.</summary>
    private const ulong NoStopAddress = ulong.MaxValue;

    /// <summary>The driver running on this thread, for the hooks (saved and restored, so a host call may run another sandbox).</summary>
    [ThreadStatic]
    private static EmulatedDriver? t_running;

    private readonly UnicornHandle _unicorn;
    private readonly GuestMemory _memory;
    private readonly IHostCallHandler _hostCalls;
    private VmExit _exit;
    private bool _exitRecorded;
    private volatile bool _interruptRequested;

    public EmulatedDriver(GuestMemory memory, IHostCallHandler hostCalls)
    {
        // Unicorn 2.0.1 ignores EFER.NXE, so it reads NX bits as reserved bits: the first fetch
        // faults and the emulator then crashes the process. Refuse such a layout up front.
        if (memory.Layout.NoExecute)
            throw new ArgumentException("The emulated driver needs a layout without no-execute pages (MicroVmOptions.NoExecuteData = false): Unicorn 2.0.1 does not implement NX.", nameof(memory));
        _memory = memory;
        _hostCalls = hostCalls;
        _unicorn = UnicornHandle.Open();
        try
        {
            Check(Unicorn.MemMapPtr(_unicorn.Engine, 0, (nuint)memory.Size, Unicorn.ProtAll, memory.HostAddress), "map guest memory");
            Check(Unicorn.HookAdd(_unicorn.Engine, out _, Unicorn.HookInstruction, (delegate* unmanaged<nint, uint, int, uint, nint, void>)&OnOut, 0, 1, 0, Unicorn.InstructionOut), "hook out");
            Check(Unicorn.HookAdd(_unicorn.Engine, out _, Unicorn.HookInterrupt, (delegate* unmanaged<nint, uint, nint, void>)&OnInterrupt, 0, 1, 0, 0), "hook interrupts");
            SetFixedState();
            _unicorn.SaveContext();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void SetEntryState(in VmEntryState entry)
    {
        _interruptRequested = false;
        Check(_unicorn.RestoreContext(), "restore the CPU context");
        Write(Unicorn.RegRip, entry.Rip);
        Write(Unicorn.RegRsp, entry.Rsp);
        Write(Unicorn.RegRdi, entry.Rdi);
        Write(Unicorn.RegRflags, GuestCpuState.Rflags);
    }

    public VmExit Run()
    {
        if (_interruptRequested)
            return VmExit.Interrupted();
        _exitRecorded = false;
        EmulatedDriver? outer = t_running;
        t_running = this;
        int error;
        try
        {
            error = Unicorn.EmuStart(_unicorn.Engine, Read(Unicorn.RegRip), NoStopAddress, 0, 0);
        }
        finally
        {
            t_running = outer;
        }
        if (_exitRecorded)
            return _exit;
        if (_interruptRequested)
            return VmExit.Interrupted();
        ulong rip = Read(Unicorn.RegRip);
        // Unicorn reports #UD as an emulation error rather than through the interrupt hook.
        if (error == Unicorn.ErrInstructionInvalid)
            return VmExit.Fault(rip, 6, "The emulated guest executed an invalid instruction.");
        return error != Unicorn.ErrOk
            ? VmExit.Unexpected(rip, (ulong)error, $"The emulator stopped with an error: {Unicorn.Describe(error)}.")
            : VmExit.Halted(rip, "Emulation ended without an out to the return or trap port (for example a hlt).");
    }

    public void Interrupt()
    {
        _interruptRequested = true;
        Unicorn.EmuStop(_unicorn.Engine);
    }

    /// <summary>The next <see cref="SetEntryState"/> reloads the saved context, which is the whole reset.</summary>
    public void ResetAfterCrash() { }

    public void ReadRegisters(out VmRegisters registers)
    {
        registers = new VmRegisters
        {
            Rax = Read(Unicorn.RegRax), Rbx = Read(Unicorn.RegRbx), Rcx = Read(Unicorn.RegRcx), Rdx = Read(Unicorn.RegRdx),
            Rsi = Read(Unicorn.RegRsi), Rdi = Read(Unicorn.RegRdi), Rbp = Read(Unicorn.RegRbp), Rsp = Read(Unicorn.RegRsp),
            R8 = Read(Unicorn.RegR8), R9 = Read(Unicorn.RegR9), R10 = Read(Unicorn.RegR10), R11 = Read(Unicorn.RegR11),
            R12 = Read(Unicorn.RegR12), R13 = Read(Unicorn.RegR13), R14 = Read(Unicorn.RegR14), R15 = Read(Unicorn.RegR15),
            Rip = Read(Unicorn.RegRip), Rflags = Read(Unicorn.RegRflags),
        };
        // CR2 stays 0 ("unknown"): Unicorn does not set it when the interrupt hook takes a page fault.
    }

    public void Dispose() => _unicorn.Dispose();

    /// <summary>
    /// Long mode with paging over our page tables, then the DPL 3 segments. The GDT page is mapped
    /// for supervisor access, which is what the CPU uses to load descriptors.
    /// </summary>
    private void SetFixedState()
    {
        GuestLayout layout = _memory.Layout;
        WriteMsr(GuestCpuState.MsrEfer, layout.Efer);
        WriteMsr(GuestCpuState.MsrStar, GuestCpuState.Star);
        Write(Unicorn.RegCr3, layout.PageTableBase);
        Write(Unicorn.RegCr4, GuestCpuState.Cr4);
        Write(Unicorn.RegCr0, GuestCpuState.Cr0);
        var gdtr = new Unicorn.X86Mmr { Base = layout.GdtBase, Limit = PageTableWriter.GdtSize - 1 };
        Check(Unicorn.RegWrite(_unicorn.Engine, Unicorn.RegGdtr, &gdtr), "load the GDT");
        // CS first: it sets CPL 3, which SS (RPL 3) must match.
        WriteSelector(Unicorn.RegCs, GuestCpuState.CodeSelector);
        WriteSelector(Unicorn.RegSs, GuestCpuState.DataSelector);
        WriteSelector(Unicorn.RegDs, GuestCpuState.DataSelector);
        WriteSelector(Unicorn.RegEs, GuestCpuState.DataSelector);
        WriteSelector(Unicorn.RegFs, GuestCpuState.DataSelector);
        WriteSelector(Unicorn.RegGs, GuestCpuState.DataSelector);
        Write(Unicorn.RegRflags, GuestCpuState.Rflags);
    }

    private void WriteSelector(int register, ushort selector)
    {
        ulong value = selector;
        Check(Unicorn.RegWrite(_unicorn.Engine, register, &value), "load a segment register");
    }

    private void WriteMsr(uint id, ulong value)
    {
        var msr = new Unicorn.X86Msr { Id = id, Value = value };
        Check(Unicorn.RegWrite(_unicorn.Engine, Unicorn.RegMsr, &msr), $"write MSR 0x{id:x}");
    }

    private void Write(int register, ulong value) => Check(Unicorn.RegWrite(_unicorn.Engine, register, &value), "write a register");

    private ulong Read(int register)
    {
        ulong value = 0;
        Check(Unicorn.RegRead(_unicorn.Engine, register, &value), "read a register");
        return value;
    }

    private void Stop(in VmExit exit)
    {
        _exit = exit;
        _exitRecorded = true;
        Unicorn.EmuStop(_unicorn.Engine);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check(int error, string action)
    {
        if (error != Unicorn.ErrOk)
            Fail(error, action);
    }

    private static void Fail(int error, string action) =>
        throw new InvalidOperationException($"Unicorn could not {action}: {Unicorn.Describe(error)}.");

    [UnmanagedCallersOnly]
    private static void OnOut(nint engine, uint port, int size, uint value, nint userData)
    {
        if (t_running is not { } driver)
            return;
        // Host calls are served right here: the guest continues after the out without leaving uc_emu_start.
        if (port == IoPorts.HostCall && driver._hostCalls.HandleHostCall())
            return;
        driver.Stop(VmExit.IoOut((ushort)port, value));
    }

    [UnmanagedCallersOnly]
    private static void OnInterrupt(nint engine, uint vector, nint userData)
    {
        if (t_running is not { } driver)
            return;
        ulong rip = 0;
        Unicorn.RegRead(engine, Unicorn.RegRip, &rip);
        driver.Stop(VmExit.Fault(rip, (int)vector, $"CPU exception {vector} in the emulated guest."));
    }
}
