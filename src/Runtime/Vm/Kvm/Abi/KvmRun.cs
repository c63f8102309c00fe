using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Kvm.Abi;

/// <summary>
/// <c>struct kvm_run</c> (2,352 bytes), the page shared with the kernel through <c>mmap</c> of the
/// vCPU fd: the exit reason and, in the union at offset 32, its details. Only the parts the driver
/// reads are declared; the register-sync area from offset 288 on is left opaque.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 2352)]
internal struct KvmRun
{
    [FieldOffset(0)] public byte RequestInterruptWindow;
    /// <summary>Non-zero: the next <c>KVM_RUN</c> returns <c>EINTR</c> at once (the kick that cannot be lost).</summary>
    [FieldOffset(1)] public byte ImmediateExit;

    [FieldOffset(8)] public KvmExitReason ExitReason;
    [FieldOffset(12)] public byte ReadyForInterruptInjection;
    [FieldOffset(13)] public byte IfFlag;
    [FieldOffset(14)] public ushort Flags;
    [FieldOffset(16)] public ulong Cr8;
    [FieldOffset(24)] public ulong ApicBase;

    // The exit-details union.
    [FieldOffset(32)] public KvmRunIo Io;
    [FieldOffset(32)] public KvmRunMmio Mmio;
    [FieldOffset(32)] public KvmRunFailEntry FailEntry;
    [FieldOffset(32)] public KvmRunInternalError Internal;
    [FieldOffset(32)] public KvmRunException Exception;

    [FieldOffset(288)] public ulong KvmValidRegs;
    [FieldOffset(296)] public ulong KvmDirtyRegs;
}

/// <summary><c>kvm_run.io</c> for <c>KVM_EXIT_IO</c>: the data lives at <see cref="DataOffset"/> bytes from the start of <c>kvm_run</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KvmRunIo
{
    public KvmIoDirection Direction;
    /// <summary>Bytes per element: 1, 2 or 4.</summary>
    public byte Size;
    public ushort Port;
    /// <summary>Elements (more than 1 only for string instructions such as <c>rep outsb</c>).</summary>
    public uint Count;
    public ulong DataOffset;
}

/// <summary><c>kvm_run.mmio</c> for <c>KVM_EXIT_MMIO</c> (also a write to a read-only slot).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct KvmRunMmio
{
    public ulong PhysAddr;
    public fixed byte Data[8];
    public uint Len;
    public byte IsWrite;
}

/// <summary><c>kvm_run.fail_entry</c> for <c>KVM_EXIT_FAIL_ENTRY</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KvmRunFailEntry
{
    public ulong HardwareEntryFailureReason;
    public uint Cpu;
}

/// <summary><c>kvm_run.internal</c> for <c>KVM_EXIT_INTERNAL_ERROR</c> (suberror 1 = emulation failure).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct KvmRunInternalError
{
    public uint Suberror;
    public uint Ndata;
    public fixed ulong Data[16];
}

/// <summary><c>kvm_run.ex</c> for <c>KVM_EXIT_EXCEPTION</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KvmRunException
{
    public uint Exception;
    public uint ErrorCode;
}
