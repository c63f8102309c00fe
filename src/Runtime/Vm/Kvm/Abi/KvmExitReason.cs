namespace Hyperlight.Vm.Kvm.Abi;

/// <summary><c>kvm_run.exit_reason</c> (<c>KVM_EXIT_*</c>).</summary>
internal enum KvmExitReason : uint
{
    Unknown = 0x00,
    Exception = 0x01,
    Io = 0x02,
    Hypercall = 0x03,
    Debug = 0x04,
    Hlt = 0x05,
    Mmio = 0x06,
    Shutdown = 0x08,
    FailEntry = 0x09,
    Intr = 0x0A,
    InternalError = 0x11,
    SystemEvent = 0x18,
}

/// <summary><c>kvm_run.io.direction</c>.</summary>
internal enum KvmIoDirection : byte
{
    In = 0,
    Out = 1,
}
