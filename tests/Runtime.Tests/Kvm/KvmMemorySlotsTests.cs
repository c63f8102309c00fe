using Hyperlight.Vm;
using Hyperlight.Vm.Kvm;
using Hyperlight.Vm.Kvm.Abi;

namespace Hyperlight.Tests.Kvm;

public sealed class KvmMemorySlotsTests
{
    private const ulong HostAddress = 0x7f00_0000_0000;

    private static readonly GuestLayout Layout = TestLayouts.Create(codeSize: 3 * 4096);

    [Fact]
    public void Without_read_only_support_one_writable_slot_maps_everything_at_zero()
    {
        KvmUserspaceMemoryRegion slot = Assert.Single(KvmMemorySlots.Plan(Layout, HostAddress, readOnlyCode: false));

        Assert.Equal(0u, slot.Slot);
        Assert.Equal(0ul, slot.GuestPhysAddr);
        Assert.Equal(Layout.TotalSize, slot.MemorySize);
        Assert.Equal(HostAddress, slot.UserspaceAddr);
        Assert.Equal(KvmMemoryFlags.None, slot.Flags);
    }

    [Fact]
    public void With_read_only_support_the_code_gets_its_own_read_only_slot()
    {
        KvmUserspaceMemoryRegion[] slots = KvmMemorySlots.Plan(Layout, HostAddress, readOnlyCode: true);

        KvmUserspaceMemoryRegion code = Assert.Single(slots, s => s.Flags.HasFlag(KvmMemoryFlags.ReadOnly));
        Assert.Equal(Layout.Code.Offset, code.GuestPhysAddr);
        Assert.Equal(Layout.Code.Size, code.MemorySize);
        Assert.Equal(HostAddress + Layout.Code.Offset, code.UserspaceAddr);
    }

    [Fact]
    public void Slots_tile_the_memory_without_gaps_with_distinct_numbers()
    {
        KvmUserspaceMemoryRegion[] slots = KvmMemorySlots.Plan(Layout, HostAddress, readOnlyCode: true);

        Assert.Equal(3, slots.Length);
        ulong next = 0;
        for (int i = 0; i < slots.Length; i++)
        {
            Assert.Equal((uint)i, slots[i].Slot);
            Assert.Equal(next, slots[i].GuestPhysAddr);
            Assert.Equal(HostAddress + slots[i].GuestPhysAddr, slots[i].UserspaceAddr);
            next += slots[i].MemorySize;
        }
        Assert.Equal(Layout.TotalSize, next);
    }

    [Fact]
    public void Page_tables_stay_in_a_writable_slot()
    {
        KvmUserspaceMemoryRegion[] slots = KvmMemorySlots.Plan(Layout, HostAddress, readOnlyCode: true);

        KvmUserspaceMemoryRegion first = slots[0];
        Assert.Equal(KvmMemoryFlags.None, first.Flags);
        Assert.True(first.GuestPhysAddr <= Layout.PageTableBase && Layout.SystemTables.End <= first.GuestPhysAddr + first.MemorySize);
    }
}
