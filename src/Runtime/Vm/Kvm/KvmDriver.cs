using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Kvm.Abi;
using Hyperlight.Vm.Kvm.Ioctls;
using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Vm.Kvm;

/// <summary>
/// A KVM VM with one vCPU over one <see cref="GuestMemory"/> (DESIGN.md §5): the fixed CPL 3 state of
/// <see cref="KvmGuestState"/>, exits decoded from the mmapped <c>kvm_run</c> without allocating,
/// interruption by a real-time signal plus <c>kvm_run.immediate_exit</c>.
/// </summary>
/// <remarks>
/// The guest memory must outlive the driver (the VM reads it through the host mapping). Not thread-safe
/// except <see cref="Interrupt"/>, which may race with <see cref="Run"/> and <see cref="Dispose"/>.
/// </remarks>
internal sealed unsafe class KvmDriver : IVmDriver
{
    private readonly GuestMemory _memory;
    private readonly KvmVm _vm;
    private readonly KvmVcpu _vcpu;
    private readonly KvmRun* _run;
    private readonly nuint _runLength;
    private readonly KvmSregs _fixedState;

    // Guards _runningThread and _disposed against Interrupt() on another thread: a pthread_t must
    // not be signalled after its thread has left Run (it may have exited), nor kvm_run touched after Dispose.
    private readonly Lock _threadLock = new();
    private nuint _runningThread;
    private bool _disposed;
    private int _interruptRequested;

    private KvmDriver(GuestMemory memory, KvmVm vm, KvmVcpu vcpu, in KvmSregs fixedState)
    {
        _memory = memory;
        _vm = vm;
        _vcpu = vcpu;
        _run = vcpu.RunState;
        _runLength = vcpu.RunStateLength;
        _fixedState = fixedState;
    }

    /// <summary>True when <c>/dev/kvm</c> opens read-write with API version 12 (probed once per process).</summary>
    public static bool IsAvailable => KvmHost.IsAvailable;

    /// <summary>Why <see cref="IsAvailable"/> is false, for test skips and logs; empty when it is true.</summary>
    public static string UnavailableReason => KvmHost.UnavailableReason;

    /// <summary>
    /// Creates the VM, registers <paramref name="memory"/> as its memory slots, creates the vCPU and
    /// gives it the fixed state. <see cref="IsolationUnavailableException"/> without KVM,
    /// <see cref="KvmException"/> when KVM refuses a step.
    /// </summary>
    public static KvmDriver Create(GuestMemory memory)
    {
        KvmHost host = KvmHost.Instance;
        _ = KickSignal.Number; // install the handler now, so Interrupt() never has to
        KvmVm vm = host.System.CreateVm();
        KvmVcpu? vcpu = null;
        try
        {
            foreach (KvmUserspaceMemoryRegion slot in KvmMemorySlots.Plan(memory.Layout, (ulong)memory.HostAddress, host.SupportsReadOnlyMemory))
                vm.SetUserMemoryRegion(slot);
            vcpu = vm.CreateVcpu(0, host.VcpuMmapSize);
            vcpu.SetCpuid(host.SupportedCpuid); // before SREGS: KVM checks CR4/EFER against it
            vcpu.GetSpecialRegisters(out KvmSregs sregs);
            KvmGuestState.Apply(ref sregs, memory.Layout);
            var driver = new KvmDriver(memory, vm, vcpu, sregs);
            driver.ApplyFixedState();
            return driver;
        }
        catch
        {
            vcpu?.Dispose();
            vm.Dispose();
            throw;
        }
    }

    public void SetEntryState(in VmEntryState entry)
    {
        ClearInterrupt();
        KvmRegs registers = KvmGuestState.EntryRegisters(entry);
        _vcpu.SetRegisters(registers);
    }

    public VmExit Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_threadLock)
            _runningThread = LibC.PthreadSelf();
        try
        {
            while (true)
            {
                // Checked before every KVM_RUN, after any reset of immediate_exit below, so a request
                // is never lost between a kick and the next entry.
                if (Volatile.Read(ref _interruptRequested) != 0)
                {
                    ClearInterrupt();
                    return VmExit.Interrupted();
                }
                int errno = _vcpu.Run();
                if (errno == 0)
                    return KvmExitDecoder.TryDecodeOut(_run, _runLength, out VmExit exit) ? exit : DescribeCrash();
                if (errno != LibC.EINTR)
                    throw new KvmException("KVM_RUN", errno);
                // EINTR: our kick (the check above ends the run) or a signal meant for something else
                // in this process (resume). Either way immediate_exit has done its job.
                Volatile.Write(ref _run->ImmediateExit, 0);
            }
        }
        finally
        {
            lock (_threadLock)
                _runningThread = 0;
        }
    }

    public void Interrupt()
    {
        lock (_threadLock)
        {
            if (_disposed)
                return;
            Volatile.Write(ref _interruptRequested, 1);
            // Makes a KVM_RUN that has not started yet return EINTR at once; the signal covers one in progress.
            Volatile.Write(ref _run->ImmediateExit, 1);
            if (_runningThread != 0)
                KickSignal.Send(_runningThread);
        }
    }

    public void ResetAfterCrash()
    {
        // After a triple fault the vCPU keeps the broken state (and, on AMD, KVM reinitialises the
        // VMCB), so everything of creation time goes back in, the order measured on PVM.
        ApplyFixedState();
        _vcpu.SetMpState(KvmMpState.Runnable);
        _vcpu.SetEvents(new KvmVcpuEvents { Flags = KvmVcpuEventFlags.NmiPending });
        _vcpu.SetRegisters(new KvmRegs { Rflags = GuestCpuState.Rflags });
    }

    public void ReadRegisters(out VmRegisters registers)
    {
        _vcpu.GetRegisters(out KvmRegs r);
        _vcpu.GetSpecialRegisters(out KvmSregs s);
        registers = new VmRegisters
        {
            Rax = r.Rax, Rbx = r.Rbx, Rcx = r.Rcx, Rdx = r.Rdx,
            Rsi = r.Rsi, Rdi = r.Rdi, Rbp = r.Rbp, Rsp = r.Rsp,
            R8 = r.R8, R9 = r.R9, R10 = r.R10, R11 = r.R11,
            R12 = r.R12, R13 = r.R13, R14 = r.R14, R15 = r.R15,
            Rip = r.Rip, Rflags = r.Rflags,
            Cr2 = s.Cr2 == KvmFaultVector.Cr2Sentinel ? 0 : s.Cr2,
        };
    }

    public void Dispose()
    {
        lock (_threadLock)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        _vcpu.Dispose();
        _vm.Dispose();
    }

    private void ApplyFixedState()
    {
        _vcpu.SetSpecialRegisters(_fixedState);
        _vcpu.SetMsrs(KvmGuestState.Msrs);
    }

    private void ClearInterrupt()
    {
        Volatile.Write(ref _interruptRequested, 0);
        Volatile.Write(ref _run->ImmediateExit, 0);
    }

    /// <summary>The slow path: every exit other than a single <c>out</c> is a crash; read what explains it.</summary>
    private VmExit DescribeCrash()
    {
        _vcpu.GetRegisters(out KvmRegs registers);
        int vector = KvmFaultVector.Unknown;
        if (_run->ExitReason == KvmExitReason.Shutdown)
        {
            _vcpu.GetEvents(out KvmVcpuEvents events);
            _vcpu.GetSpecialRegisters(out KvmSregs sregs);
            Span<byte> code = stackalloc byte[16];
            int length = _memory.ReadGuestBytes(registers.Rip, code);
            vector = KvmFaultVector.Find(events, sregs.Cr2, code[..length]);
        }
        return KvmExitDecoder.DescribeCrash(_run, registers.Rip, vector);
    }
}
