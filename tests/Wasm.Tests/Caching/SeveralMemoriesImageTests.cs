using Hyperlight.Images;
using Hyperlight.Tests.Shared;
using static Hyperlight.Wasm.Tests.Linking.LinkErrorTests;

namespace Hyperlight.Wasm.Tests.Caching;

/// <summary>The serialised form of an image with several linear memories, and what reading it refuses.</summary>
public sealed class SeveralMemoriesImageTests
{
    [Fact]
    public void Additional_memories_and_the_memory_of_each_import_survive_a_round_trip()
    {
        GuestImage image = WasmCompiler.Link(
            [
                Named("lib", """(module (import "env" "log" (func (param i32 i32))) (memory 2 9) (func (export "f") (call 0 (i32.const 0) (i32.const 0))))"""),
                Named("main", """(module (import "env" "log" (func (param i32 i32))) (import "lib" "f" (func)) (memory 1) (func (export "run") (call 1)))"""),
            ],
            []);

        GuestImage copy = GuestImageSerializer.Deserialize(GuestImageSerializer.Serialize(image));

        Assert.Equal([new GuestMemoryLimits(2, 9)], copy.AdditionalMemories);
        Assert.Equal([1, 0], copy.Imports.Select(i => i.Memory));
        Assert.Equal((1u, (uint?)null), (copy.MemoryMinimumPages!.Value, copy.MemoryMaximumPages));
    }

    [Fact]
    public void An_import_of_a_memory_the_image_lacks_is_refused()
    {
        GuestImage image = InconsistentMemoryImages.ImportOfAMissingMemory();

        var error = Assert.Throws<InvalidDataException>(() => GuestImageSerializer.Deserialize(GuestImageSerializer.Serialize(image)));

        Assert.Contains("uses memory 2; the image has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Additional_memories_without_memory_0_are_refused()
    {
        GuestImage image = InconsistentMemoryImages.AdditionalMemoriesWithoutMemory0();

        var error = Assert.Throws<InvalidDataException>(() => GuestImageSerializer.Deserialize(GuestImageSerializer.Serialize(image)));

        Assert.Contains("1 additional memories beside memory 0 (absent)", error.Message, StringComparison.Ordinal);
    }
}
