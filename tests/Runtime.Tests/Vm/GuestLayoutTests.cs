using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

public sealed class GuestLayoutTests
{
    private static readonly GuestLayoutRequest Typical = new(
        ImageCodeSize: 10_000, StubsSize: 40, CallFrameSize: CallFrameLayout.MinimumSize, DataSize: 100,
        LinearMemoryInitial: 65536, LinearMemoryReserve: 4 * 65536);

    [Fact]
    public void Regions_follow_the_documented_order_contiguously_and_page_aligned()
    {
        GuestLayout layout = GuestLayout.Create(Typical, MicroVmOptions.Default);

        Assert.Equal(
            ["system tables", "control page", "code", "call frame", "stack guard", "stack", "data", "linear memory", "linear memory guard"],
            layout.Regions.Select(r => r.Name));
        ulong expectedOffset = 0;
        foreach (GuestRegion region in layout.Regions)
        {
            Assert.Equal(expectedOffset, region.Offset);
            Assert.Equal(0UL, region.Offset % GuestLayout.PageSize);
            Assert.Equal(0UL, region.Size % GuestLayout.PageSize);
            expectedOffset = region.End;
        }
        Assert.Equal(expectedOffset, layout.TotalSize);
    }

    [Fact]
    public void Sizes_come_from_the_request_and_the_options()
    {
        var options = new MicroVmOptions { StackSize = 64 * 1024, StackGuardSize = 8192, LinearMemoryGuardSize = 1 << 20, StackLimitMargin = 256 };

        GuestLayout layout = GuestLayout.Create(Typical, options);

        Assert.Equal(12_288UL, layout.Code.Size); // 10 000 bytes, stubs 16-byte aligned after them, rounded to pages
        Assert.Equal(10_000UL + 0, layout.StubsOffset - layout.Code.Offset);
        Assert.Equal(8192UL, layout.StackGuard.Size);
        Assert.Equal(65536UL, layout.Stack.Size);
        Assert.Equal(layout.Stack.Offset + 256, layout.StackLimit);
        Assert.Equal(4096UL, layout.Data.Size);
        Assert.Equal(4 * 65536UL, layout.LinearMemory.Size);
        Assert.Equal(65536UL, layout.LinearMemoryInitialSize);
        Assert.Equal(1UL << 20, layout.LinearMemoryGuard.Size);
        Assert.Equal(RegionAccess.Unmapped, layout.StackGuard.Access);
        Assert.Equal(RegionAccess.ReadExecute, layout.Code.Access);
    }

    [Fact]
    public void The_page_tables_cover_everything_they_map()
    {
        var big = Typical with { LinearMemoryReserve = 3L << 30, LinearMemoryInitial = 0 };

        GuestLayout layout = GuestLayout.Create(big, MicroVmOptions.Default);

        ulong mapped = layout.LinearMemory.End;
        int expected = 2 + (int)((mapped + (1UL << 30) - 1) >> 30) + (int)((mapped + (2UL << 20) - 1) >> 21);
        Assert.Equal(expected, layout.PageTablePages);
        Assert.Equal((ulong)(layout.PageTablePages + 1) * GuestLayout.PageSize, layout.SystemTables.Size);
    }

    [Fact]
    public void Each_further_memory_follows_the_one_before_with_a_guard_of_its_own()
    {
        var request = Typical with { AdditionalMemories = [new(2 * 65536, 3 * 65536), new(0, 0)] };

        GuestLayout layout = GuestLayout.Create(request, MicroVmOptions.Default);

        Assert.Equal(
            ["linear memory", "linear memory guard", "linear memory 1", "linear memory 1 guard", "linear memory 2", "linear memory 2 guard"],
            layout.Regions.Skip(7).Select(r => r.Name));
        Assert.Equal(3, layout.MemoryCount);
        Assert.Equal((layout.LinearMemoryGuard.End, 3 * 65536UL, 2 * 65536UL), (layout.Memory(1).Offset, layout.Memory(1).Size, layout.MemoryInitialSize(1)));
        Assert.Equal(RegionAccess.Unmapped, layout.Regions[10].Access);
        Assert.Equal((layout.Memory(2).End, layout.Regions[^1].End), (layout.MappedEnd, layout.TotalSize));
    }

    [Fact]
    public void A_further_memory_that_cannot_hold_its_minimum_is_explained()
    {
        var request = Typical with { AdditionalMemories = [new(2 * 65536, 65536)] };

        var error = Assert.Throws<SandboxConfigurationException>(() => GuestLayout.Create(request, MicroVmOptions.Default));

        Assert.Contains("needs 131072 bytes of linear memory at start but only 65536 may be mapped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Efer_enables_no_execute_only_when_asked()
    {
        Assert.Equal(0xD01UL, GuestLayout.Create(Typical, MicroVmOptions.Default).Efer);
        Assert.Equal(0x501UL, GuestLayout.Create(Typical, new MicroVmOptions { NoExecuteData = false }).Efer);
    }

    public static TheoryData<MicroVmOptions, string> BadOptions => new()
    {
        { new MicroVmOptions { StackSize = 5000 }, "StackSize is 5000" },
        { new MicroVmOptions { StackSize = 4096 }, "StackSize is 4096" },
        { new MicroVmOptions { StackGuardSize = 0 }, "StackGuardSize is 0" },
        { new MicroVmOptions { LinearMemoryGuardSize = 100 }, "LinearMemoryGuardSize is 100" },
        { new MicroVmOptions { StackLimitMargin = 7 }, "StackLimitMargin is 7" },
        { new MicroVmOptions { MaxGuestMemoryBytes = 1L << 40 }, "MaxGuestMemoryBytes is 1099511627776" },
        { new MicroVmOptions { MaxGuestMemoryBytes = 1 << 19 }, "but MicroVmOptions.MaxGuestMemoryBytes is 524288" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_are_refused_with_the_numbers(MicroVmOptions options, string expected)
    {
        var error = Assert.Throws<SandboxConfigurationException>(() => GuestLayout.Create(Typical, options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layout_that_does_not_fit_lists_every_region()
    {
        var error = Assert.Throws<SandboxConfigurationException>(() =>
            GuestLayout.Create(Typical with { LinearMemoryReserve = 8L << 30 }, MicroVmOptions.Default));

        Assert.Contains("linear memory", error.Message, StringComparison.Ordinal);
        Assert.Contains("8589934592", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 100, "0 bytes of code")]
    [InlineData(100, 10, 100, "call frame size is 10")]
    [InlineData(100, CallFrameLayout.MinimumSize, -1, "data region size is -1")]
    public void Bad_requests_are_refused(long code, long frame, long data, string expected)
    {
        var request = new GuestLayoutRequest(code, 0, frame, data, 0, 0);

        var error = Assert.Throws<SandboxConfigurationException>(() => GuestLayout.Create(request, MicroVmOptions.Default));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_initial_memory_than_may_be_mapped_is_refused()
    {
        var error = Assert.Throws<SandboxConfigurationException>(() =>
            GuestLayout.Create(Typical with { LinearMemoryInitial = 1 << 20, LinearMemoryReserve = 65536 }, MicroVmOptions.Default));

        Assert.Contains("1048576", error.Message, StringComparison.Ordinal);
    }
}
