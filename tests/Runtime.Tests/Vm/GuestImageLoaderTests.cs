using Hyperlight.Images;
using Hyperlight.Tests.Shared;
using Hyperlight.Vm;
using Hyperlight.Vm.Loading;
using Hyperlight.Vm.Stubs;

namespace Hyperlight.Tests.Vm;

/// <summary>How an image's linear memories become the layout request, and which images are refused.</summary>
public sealed class GuestImageLoaderTests
{
    private static readonly SandboxOptions Options = new() { MemoryLimitBytes = 8 * 65536 };

    [Fact]
    public void Each_memory_is_reserved_up_to_its_maximum_or_the_limit_on_its_own()
    {
        var image = new GuestImage
        {
            Code = [0xC3],
            EntryOffset = 0,
            MemoryMinimumPages = 1,
            MemoryMaximumPages = 2,
            AdditionalMemories = [new GuestMemoryLimits(3, null), new GuestMemoryLimits(0, 1)],
        };

        GuestLayoutRequest request = GuestImageLoader.Plan(image, InProcessStubs.Instance, Options);

        Assert.Equal(
            [new LinearMemoryRequest(65536, 2 * 65536), new LinearMemoryRequest(3 * 65536, 8 * 65536), new LinearMemoryRequest(0, 65536)],
            request.Memories);
    }

    [Fact]
    public void An_import_of_a_memory_the_image_lacks_is_refused()
    {
        GuestImage image = InconsistentMemoryImages.ImportOfAMissingMemory();

        var error = Assert.Throws<SandboxConfigurationException>(() => GuestImageLoader.Plan(image, InProcessStubs.Instance, Options));

        Assert.Contains("env.log uses memory 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Additional_memories_without_memory_0_are_refused()
    {
        GuestImage image = InconsistentMemoryImages.AdditionalMemoriesWithoutMemory0();

        var error = Assert.Throws<SandboxConfigurationException>(() => GuestImageLoader.Plan(image, InProcessStubs.Instance, Options));

        Assert.Contains("no memory 0", error.Message, StringComparison.Ordinal);
    }
}
