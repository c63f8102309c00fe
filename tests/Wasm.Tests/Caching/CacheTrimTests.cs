using Hyperlight.Wasm.Caching;

namespace Hyperlight.Wasm.Tests.Caching;

public sealed class CacheTrimTests : ScratchDirectory
{
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Trim_deletes_the_least_recently_used_entries_beyond_the_budget()
    {
        var cache = new CompiledImageCache(CacheDirectory);
        string oldest = Store(cache, "library bytes", LongAgo);
        string middle = Store(cache, "host global initial value", LongAgo.AddDays(1));
        string newest = Store(cache, "host memory maximum", LongAgo.AddDays(2));

        int deleted = cache.Trim(new FileInfo(newest).Length + new FileInfo(middle).Length);

        Assert.Equal(1, deleted);
        Assert.Equal(new[] { middle, newest }.Order(), Entries().Order());
        Assert.False(File.Exists(oldest));
    }

    [Fact]
    public void A_hit_makes_an_entry_recently_used()
    {
        var cache = new CompiledImageCache(CacheDirectory);
        string used = Store(cache, "library bytes", LongAgo);
        string unused = Store(cache, "host global initial value", LongAgo.AddDays(1));

        cache.GetOrCompile(LinkUnits.Variant("library bytes"));
        cache.Trim(new FileInfo(used).Length);

        Assert.Equal(1, cache.Hits);
        Assert.Equal([used], Entries());
        Assert.False(File.Exists(unused));
    }

    [Fact]
    public void Trim_to_zero_empties_the_cache_and_the_next_lookup_compiles()
    {
        var cache = new CompiledImageCache(CacheDirectory);
        Store(cache, "library bytes", LongAgo);

        Assert.Equal(1, cache.Trim(0));
        Assert.Empty(Entries());
        cache.GetOrCompile(LinkUnits.Variant("library bytes"));
        Assert.Equal(0, cache.Hits);
    }

    [Fact]
    public void Trim_removes_abandoned_temporary_files_but_not_ones_being_written()
    {
        Directory.CreateDirectory(CacheDirectory);
        string abandoned = Path.Combine(CacheDirectory, "0123.hlimg.1.dead.tmp");
        string inProgress = Path.Combine(CacheDirectory, "4567.hlimg.2.live.tmp");
        File.WriteAllBytes(abandoned, [1]);
        File.SetLastWriteTimeUtc(abandoned, LongAgo);
        File.WriteAllBytes(inProgress, [2]);

        new CompiledImageCache(CacheDirectory).Trim(long.MaxValue);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(inProgress));
    }

    [Fact]
    public void Trim_of_a_missing_directory_does_nothing()
    {
        Assert.Equal(0, new CompiledImageCache(CacheDirectory).Trim(0));
        Assert.False(Directory.Exists(CacheDirectory));
    }

    [Fact]
    public void A_negative_budget_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CompiledImageCache(CacheDirectory).Trim(-1));
    }

    private string Store(CompiledImageCache cache, string variant, DateTime lastUsed)
    {
        cache.GetOrCompile(LinkUnits.Variant(variant));
        string entry = Path.Combine(CacheDirectory, LinkUnits.Variant(variant).Key.Hex + ".hlimg");
        File.SetLastWriteTimeUtc(entry, lastUsed);
        return entry;
    }
}
