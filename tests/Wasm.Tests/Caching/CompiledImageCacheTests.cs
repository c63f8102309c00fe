using Hyperlight.Images;
using Hyperlight.Wasm.Caching;

namespace Hyperlight.Wasm.Tests.Caching;

public sealed class CompiledImageCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hl-cache-{Guid.NewGuid():N}");

    [Fact]
    public void A_second_cache_on_the_same_directory_serves_the_stored_image()
    {
        GuestImage first = new CompiledImageCache(_directory).GetOrCompile(GuestImageSerializerTests.Module);
        var second = new CompiledImageCache(_directory);

        GuestImage cached = second.GetOrCompile(GuestImageSerializerTests.Module);

        Assert.Equal(1, second.Hits);
        Assert.Equal(first.Code, cached.Code);
        Assert.Single(Directory.GetFiles(_directory, "*.hlimg"));
    }

    [Fact]
    public void Different_modules_get_different_entries()
    {
        var cache = new CompiledImageCache(_directory);
        byte[] other = Binary.Wat.ToWasm("(module (func (export \"f\") (result i32) i32.const 1))");

        cache.GetOrCompile(GuestImageSerializerTests.Module);
        GuestImage image = cache.GetOrCompile(other);

        Assert.Equal(0, cache.Hits);
        Assert.Equal(["f"], image.Exports.Select(e => e.Name));
        Assert.Equal(2, Directory.GetFiles(_directory, "*.hlimg").Length);
    }

    [Fact]
    public void A_damaged_entry_is_a_miss_and_is_rewritten()
    {
        new CompiledImageCache(_directory).GetOrCompile(GuestImageSerializerTests.Module);
        string entry = Directory.GetFiles(_directory, "*.hlimg").Single();
        File.WriteAllBytes(entry, [1, 2, 3]);
        var cache = new CompiledImageCache(_directory);

        GuestImage image = cache.GetOrCompile(GuestImageSerializerTests.Module);

        Assert.Equal(0, cache.Hits);
        Assert.Contains(image.Exports, e => e.Name == "add");
        Assert.NotEqual(3, new FileInfo(entry).Length);
    }

    [Fact]
    public void An_unusable_directory_still_compiles()
    {
        string blocked = Path.Combine(_directory, "file-not-dir");
        Directory.CreateDirectory(_directory);
        File.WriteAllText(blocked, "a file where the cache directory should be");
        var cache = new CompiledImageCache(blocked);

        GuestImage image = cache.GetOrCompile(GuestImageSerializerTests.Module);

        Assert.Contains(image.Exports, e => e.Name == "add");
        Assert.Equal(0, cache.Hits);
    }

    [Fact]
    public void Invalid_modules_are_not_cached()
    {
        var cache = new CompiledImageCache(_directory);

        Assert.Throws<WasmCompileException>(() => cache.GetOrCompile(new byte[] { 0, 0x61, 0x73, 0x6d, 9, 9, 9, 9 }));
        Assert.False(Directory.Exists(_directory) && Directory.GetFiles(_directory).Length > 0);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
