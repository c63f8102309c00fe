using Hyperlight.Vm.Kvm.Abi;

namespace Hyperlight.Vm.Kvm;

/// <summary>
/// How one guest's memory becomes KVM memory slots: the whole host mapping at guest-physical 0, cut
/// into consecutive slots so that the code region can be a read-only slot where the host supports
/// it. That is a second wall behind the page tables: even a guest that rewrote its own page tables
/// could not change its code (the write would exit as MMIO, reported as a crash).
/// </summary>
internal static class KvmMemorySlots
{
    /// <summary>
    /// The slots for <paramref name="layout"/>, its offset 0 mapped at <paramref name="hostAddress"/>.
    /// Page tables stay writable: the CPU sets accessed and dirty bits in them during page walks.
    /// </summary>
    public static KvmUserspaceMemoryRegion[] Plan(GuestLayout layout, ulong hostAddress, bool readOnlyCode)
    {
        if (!readOnlyCode)
            return [Slot(0, 0, layout.TotalSize, hostAddress, KvmMemoryFlags.None)];

        GuestRegion code = layout.Code;
        var slots = new List<KvmUserspaceMemoryRegion>(3);
        AddIfNotEmpty(slots, 0, code.Offset, hostAddress, KvmMemoryFlags.None);
        AddIfNotEmpty(slots, code.Offset, code.Size, hostAddress, KvmMemoryFlags.ReadOnly);
        AddIfNotEmpty(slots, code.End, layout.TotalSize - code.End, hostAddress, KvmMemoryFlags.None);
        return [.. slots];
    }

    private static void AddIfNotEmpty(List<KvmUserspaceMemoryRegion> slots, ulong offset, ulong size, ulong hostAddress, KvmMemoryFlags flags)
    {
        if (size != 0)
            slots.Add(Slot((uint)slots.Count, offset, size, hostAddress, flags));
    }

    private static KvmUserspaceMemoryRegion Slot(uint slot, ulong offset, ulong size, ulong hostAddress, KvmMemoryFlags flags) => new()
    {
        Slot = slot,
        Flags = flags,
        GuestPhysAddr = offset,
        MemorySize = size,
        UserspaceAddr = hostAddress + offset,
    };
}
