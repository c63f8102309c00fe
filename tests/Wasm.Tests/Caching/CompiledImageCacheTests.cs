using Hyperlight.Images;
using Hyperlight.Wasm.Caching;

namespace Hyperlight.Wasm.Tests.Caching;

/// <summary>The one-module entry point: what <see cref="WasmCompiler.Compile"/> compiles, cached.</summary>
public sealed class CompiledImageCacheTests : ScratchDirectory
{
    [Fact]
    public void A_second_cache_on_the_same_directory_serves_the_stored_image()
    {
        GuestImage first = new CompiledImageCache(CacheDirectory).GetOrCompile(GuestImageSerializerTests.Module);
        var second = new CompiledImageCache(CacheDirectory);

        GuestImage cached = second.GetOrCompile(GuestImageSerializerTests.Module);

        Assert.Equal(1, second.Hits);
        Assert.Equal(GuestImageSerializer.Serialize(first), GuestImageSerializer.Serialize(cached));
        Assert.Single(Entries());
    }

    [Fact]
    public void A_module_alone_is_the_link_unit_of_that_module_named_main()
    {
        new CompiledImageCache(CacheDirectory).GetOrCompile(GuestImageSerializerTests.Module);
        var linking = new CompiledImageCache(CacheDirectory);

        linking.GetOrCompile([new NamedWasmModule("main", GuestImageSerializerTests.Module)], []);

        Assert.Equal(1, linking.Hits);
    }

    [Fact]
    public void Different_modules_get_different_entries()
    {
        var cache = new CompiledImageCache(CacheDirectory);
        byte[] other = Binary.Wat.ToWasm("(module (func (export \"f\") (result i32) i32.const 1))");

        cache.GetOrCompile(GuestImageSerializerTests.Module);
        GuestImage image = cache.GetOrCompile(other);

        Assert.Equal(0, cache.Hits);
        Assert.Equal(["f"], image.Exports.Select(e => e.Name));
        Assert.Equal(2, Entries().Length);
    }

    [Fact]
    public void A_stricter_size_limit_is_a_miss_that_rejects_the_module()
    {
        new CompiledImageCache(CacheDirectory).GetOrCompile(GuestImageSerializerTests.Module);
        var strict = new WasmCompilerOptions { MaxModuleBytes = 16 };

        Assert.Throws<WasmCompileException>(() => new CompiledImageCache(CacheDirectory).GetOrCompile(GuestImageSerializerTests.Module, strict));
    }

    [Fact]
    public void An_unusable_directory_still_compiles()
    {
        string blocked = Path.Combine(CacheDirectory, "file-not-dir");
        Directory.CreateDirectory(CacheDirectory);
        File.WriteAllText(blocked, "a file where the cache directory should be");
        var cache = new CompiledImageCache(blocked);

        GuestImage image = cache.GetOrCompile(GuestImageSerializerTests.Module);
        cache.GetOrCompile(GuestImageSerializerTests.Module);

        Assert.Contains(image.Exports, e => e.Name == "add");
        Assert.Equal(0, cache.Hits);
    }

    [Fact]
    public void Invalid_modules_are_not_cached()
    {
        var cache = new CompiledImageCache(CacheDirectory);

        Assert.Throws<WasmCompileException>(() => cache.GetOrCompile(new byte[] { 0, 0x61, 0x73, 0x6d, 9, 9, 9, 9 }));
        Assert.False(Directory.Exists(CacheDirectory) && Directory.GetFiles(CacheDirectory).Length > 0);
    }

    [SkippableFact]
    public void The_directory_is_created_private_to_its_owner()
    {
        if (OperatingSystem.IsWindows())
            throw new SkipException("Windows has no Unix permissions");

        new CompiledImageCache(CacheDirectory).GetOrCompile(GuestImageSerializerTests.Module);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(CacheDirectory));
    }
}
