using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Kvm.Abi;

/// <summary>
/// <c>struct kvm_vcpu_events</c> (64 bytes, x86): exceptions, interrupts and NMIs that are pending or
/// being injected. After a triple fault the exception that started it is still recorded here, which
/// is how the driver learns the fault vector (<see cref="ExceptionNr"/>). Offsets from linux/kvm.h.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct KvmVcpuEvents
{
    [FieldOffset(0)] public byte ExceptionInjected;
    [FieldOffset(1)] public byte ExceptionNr;
    [FieldOffset(2)] public byte ExceptionHasErrorCode;
    [FieldOffset(3)] public byte ExceptionPending;
    [FieldOffset(4)] public uint ExceptionErrorCode;

    [FieldOffset(8)] public byte InterruptInjected;
    [FieldOffset(9)] public byte InterruptNr;
    [FieldOffset(10)] public byte InterruptSoft;
    [FieldOffset(11)] public byte InterruptShadow;

    [FieldOffset(12)] public byte NmiInjected;
    [FieldOffset(13)] public byte NmiPending;
    [FieldOffset(14)] public byte NmiMasked;

    [FieldOffset(16)] public uint SipiVector;
    /// <summary><c>KVM_VCPUEVENT_VALID_*</c>: which of the optional fields <c>KVM_SET_VCPU_EVENTS</c> applies.</summary>
    [FieldOffset(20)] public KvmVcpuEventFlags Flags;

    [FieldOffset(24)] public byte SmiSmm;
    [FieldOffset(25)] public byte SmiPending;
    [FieldOffset(26)] public byte SmiInsideNmi;
    [FieldOffset(27)] public byte SmiLatchedInit;

    [FieldOffset(28)] public byte TripleFaultPending;

    [FieldOffset(55)] public byte ExceptionHasPayload;
    [FieldOffset(56)] public ulong ExceptionPayload;
}

/// <summary><c>kvm_vcpu_events.flags</c> (<c>KVM_VCPUEVENT_VALID_*</c>).</summary>
[Flags]
internal enum KvmVcpuEventFlags : uint
{
    None = 0,
    NmiPending = 0x01,
    SipiVector = 0x02,
    Shadow = 0x04,
    Smm = 0x08,
    Payload = 0x10,
}
