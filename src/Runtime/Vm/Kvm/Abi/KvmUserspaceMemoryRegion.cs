using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Kvm.Abi;

/// <summary><c>struct kvm_userspace_memory_region</c> (32 bytes): maps host memory into guest-physical space.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KvmUserspaceMemoryRegion
{
    public uint Slot;
    public KvmMemoryFlags Flags;
    public ulong GuestPhysAddr;
    /// <summary>Bytes; 0 deletes the slot.</summary>
    public ulong MemorySize;
    public ulong UserspaceAddr;
}

/// <summary><c>kvm_userspace_memory_region.flags</c>.</summary>
[Flags]
internal enum KvmMemoryFlags : uint
{
    None = 0,
    LogDirtyPages = 0x1,
    /// <summary>Guest writes exit as <c>KVM_EXIT_MMIO</c> (needs <see cref="KvmCapability.ReadonlyMem"/>).</summary>
    ReadOnly = 0x2,
}
