using Hyperlight.Vm;
using Hyperlight.Vm.Drivers;

namespace Hyperlight.Tests.Vm;

/// <summary>Walks the page tables the host wrote, as the CPU would, independently of the writer.</summary>
public sealed unsafe class PageTableTests
{
    private const ulong Present = 1, Writable = 2, User = 4, NoExecute = 1UL << 63;
    private const ulong AddressMask = 0x000F_FFFF_FFFF_F000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_region_is_identity_mapped_with_its_access_and_nothing_else_is(bool severalMemories)
    {
        var request = new GuestLayoutRequest(5000, 40, CallFrameLayout.MinimumSize, 64, 65536, 131072)
        {
            AdditionalMemories = severalMemories ? [new(0, 65536), new(65536, 3 * 65536)] : [],
        };
        GuestLayout layout = GuestLayout.Create(request, MicroVmOptions.Default);
        using GuestMemory memory = GuestMemory.Create(layout, GuestAddressing.VirtualMachine);

        foreach (GuestRegion region in layout.Regions)
        {
            for (ulong page = region.Offset; page < region.End; page += GuestLayout.PageSize)
            {
                bool isGdt = page == layout.GdtBase;
                ulong? entry = Walk(memory, page, out bool userAtEveryLevel);
                switch (region.Access)
                {
                    case RegionAccess.Unmapped when isGdt:
                        Assert.Equal(page, entry!.Value & AddressMask);
                        Assert.Equal(0UL, entry.Value & (User | Writable));
                        break;
                    case RegionAccess.Unmapped:
                        Assert.Null(entry);
                        break;
                    case RegionAccess.ReadExecute:
                        Assert.Equal(page | Present | User, entry);
                        Assert.True(userAtEveryLevel);
                        break;
                    default:
                        Assert.Equal(page | Present | Writable | User | NoExecute, entry);
                        Assert.True(userAtEveryLevel);
                        break;
                }
            }
        }
    }

    [Fact]
    public void The_gdt_holds_the_linux_user_descriptors()
    {
        GuestLayout layout = GuestLayout.Create(new GuestLayoutRequest(1, 0, CallFrameLayout.MinimumSize, 0, 0, 0), MicroVmOptions.Default);
        using GuestMemory memory = GuestMemory.Create(layout, GuestAddressing.VirtualMachine);
        ulong* gdt = (ulong*)memory.Pointer(layout.GdtBase);

        Assert.Equal(0UL, gdt[0]);
        ulong userCode = gdt[GuestCpuState.CodeSelector >> 3];
        ulong userData = gdt[GuestCpuState.DataSelector >> 3];
        Assert.Equal(3UL, (userCode >> 45) & 3);       // DPL 3
        Assert.Equal(1UL, (userCode >> 53) & 1);       // L: 64-bit code
        Assert.Equal(0xBUL, (userCode >> 40) & 0xF);   // execute/read, accessed
        Assert.Equal(3UL, (userData >> 45) & 3);
        Assert.Equal(0x3UL, (userData >> 40) & 0xF);   // read/write, accessed
    }

    /// <summary>The leaf entry for <paramref name="address"/>, or null when a level is not present.</summary>
    private static ulong? Walk(GuestMemory memory, ulong address, out bool userAtEveryLevel)
    {
        userAtEveryLevel = true;
        ulong table = memory.Layout.PageTableBase;
        for (int level = 3; level >= 0; level--)
        {
            int index = (int)((address >> (12 + (9 * level))) & 511);
            ulong entry = ((ulong*)memory.Pointer(table))[index];
            if ((entry & Present) == 0)
                return null;
            userAtEveryLevel &= (entry & User) != 0;
            if (level == 0)
                return entry;
            table = entry & AddressMask;
        }
        return null;
    }
}
