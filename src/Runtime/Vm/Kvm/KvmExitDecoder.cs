using System.Globalization;
using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Kvm.Abi;

namespace Hyperlight.Vm.Kvm;

/// <summary>
/// Turns the <c>kvm_run</c> of a finished <c>KVM_RUN</c> into a <see cref="VmExit"/>. The common case,
/// a single <c>out</c>, is decoded from <c>kvm_run</c> alone without allocating; every other exit is a
/// crash, described from <c>kvm_run</c> plus the RIP and pending events the driver reads for it.
/// </summary>
internal static unsafe class KvmExitDecoder
{
    /// <summary>
    /// Decodes a plain <c>out imm8/dx, al/ax/eax</c> (one element, data inside the <c>kvm_run</c>
    /// mapping of <paramref name="mappingLength"/> bytes). False for anything else.
    /// </summary>
    public static bool TryDecodeOut(KvmRun* run, nuint mappingLength, out VmExit exit)
    {
        ref readonly KvmRunIo io = ref run->Io;
        if (run->ExitReason != KvmExitReason.Io || io.Direction != KvmIoDirection.Out || io.Count != 1
            || io.Size is not (1 or 2 or 4) || io.DataOffset > mappingLength - io.Size)
        {
            exit = default;
            return false;
        }
        byte* data = (byte*)run + io.DataOffset;
        uint value = io.Size switch
        {
            1 => *data,
            2 => *(ushort*)data,
            _ => *(uint*)data,
        };
        exit = VmExit.IoOut(io.Port, value);
        return true;
    }

    /// <summary>
    /// Describes an exit <see cref="TryDecodeOut"/> did not take. <paramref name="rip"/> is the vCPU's
    /// RIP after the exit (after a triple fault: the faulting instruction) and <paramref name="vector"/>
    /// the exception behind a shutdown (<see cref="KvmFaultVector"/>), -1 when unknown.
    /// </summary>
    public static VmExit DescribeCrash(KvmRun* run, ulong rip, int vector)
    {
        KvmExitReason reason = run->ExitReason;
        switch (reason)
        {
            case KvmExitReason.Shutdown:
                string exception = vector < 0 ? "an exception KVM did not record" : $"exception {ExceptionName(vector)} (vector {vector})";
                return VmExit.Fault(rip, vector, Invariant($"The guest raised {exception} at RIP 0x{rip:x}; with no exception handler the CPU shut down (KVM_EXIT_SHUTDOWN)."));
            case KvmExitReason.Hlt:
                return VmExit.Halted(rip, Invariant($"The guest executed hlt at RIP 0x{rip:x} (KVM_EXIT_HLT) instead of leaving through a port."));
            case KvmExitReason.Io:
                ref readonly KvmRunIo io = ref run->Io;
                string access = io.Direction == KvmIoDirection.In ? "read (in)" : "wrote (out)";
                return VmExit.Unexpected(rip, (ulong)reason, Invariant($"The guest {access} port 0x{io.Port:x} with {io.Count} element(s) of {io.Size} byte(s) at RIP 0x{rip:x}; only single out instructions are part of the protocol."));
            case KvmExitReason.Mmio:
                ref readonly KvmRunMmio mmio = ref run->Mmio;
                string kind = mmio.IsWrite != 0 ? "wrote" : "read";
                return VmExit.Unexpected(rip, mmio.PhysAddr, Invariant($"The guest {kind} {mmio.Len} byte(s) at guest-physical 0x{mmio.PhysAddr:x} at RIP 0x{rip:x}, outside its writable memory (KVM_EXIT_MMIO)."));
            case KvmExitReason.FailEntry:
                ulong hardwareReason = run->FailEntry.HardwareEntryFailureReason;
                return VmExit.Unexpected(rip, hardwareReason, Invariant($"KVM could not enter the guest (KVM_EXIT_FAIL_ENTRY, hardware reason 0x{hardwareReason:x}): the vCPU state is invalid for this CPU."));
            case KvmExitReason.InternalError:
                uint suberror = run->Internal.Suberror;
                string what = suberror == 1 ? "emulation failure: KVM had to emulate an instruction it cannot" : "internal error";
                return VmExit.Unexpected(rip, suberror, Invariant($"KVM reported an {what} at RIP 0x{rip:x} (KVM_EXIT_INTERNAL_ERROR, suberror {suberror})."));
            default:
                return VmExit.Unexpected(rip, (ulong)reason, Invariant($"The guest stopped with KVM exit reason {(uint)reason} ({reason}) at RIP 0x{rip:x}, which the protocol does not use."));
        }
    }

    private static string ExceptionName(int vector) => vector switch
    {
        0 => "#DE",
        1 => "#DB",
        3 => "#BP",
        4 => "#OF",
        5 => "#BR",
        6 => "#UD",
        7 => "#NM",
        8 => "#DF",
        10 => "#TS",
        11 => "#NP",
        12 => "#SS",
        13 => "#GP",
        14 => "#PF",
        16 => "#MF",
        17 => "#AC",
        18 => "#MC",
        19 => "#XM",
        _ => "#" + vector.ToString(CultureInfo.InvariantCulture),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
