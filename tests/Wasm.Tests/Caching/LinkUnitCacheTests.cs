using Hyperlight.Images;
using Hyperlight.Wasm.Caching;

namespace Hyperlight.Wasm.Tests.Caching;

/// <summary>Several modules and host definitions linked into one image, cached as one entry.</summary>
public sealed class LinkUnitCacheTests : ScratchDirectory
{
    [Fact]
    public void A_linked_unit_is_served_from_disk_to_a_second_cache()
    {
        GuestImage compiled = new CompiledImageCache(CacheDirectory).GetOrCompile(LinkUnits.Original());
        var second = new CompiledImageCache(CacheDirectory);

        GuestImage cached = second.GetOrCompile(LinkUnits.Original());

        Assert.Equal(1, second.Hits);
        Assert.Equal(GuestImageSerializer.Serialize(compiled), GuestImageSerializer.Serialize(cached));
        Assert.Contains(cached.Exports, e => e.Name == "run");
        Assert.Single(Entries());
    }

    [Fact]
    public void The_list_overload_and_a_unit_of_the_same_inputs_share_the_entry()
    {
        WasmLinkUnit unit = LinkUnits.Original();
        new CompiledImageCache(CacheDirectory).GetOrCompile(unit.Modules, unit.HostExterns, unit.Options);
        var second = new CompiledImageCache(CacheDirectory);

        second.GetOrCompile(LinkUnits.Original());

        Assert.Equal(1, second.Hits);
    }

    [Theory]
    [MemberData(nameof(LinkUnits.LinkableNames), MemberType = typeof(LinkUnits))]
    public void A_changed_input_is_a_miss_that_compiles_the_changed_unit(string change)
    {
        new CompiledImageCache(CacheDirectory).GetOrCompile(LinkUnits.Original());
        var cache = new CompiledImageCache(CacheDirectory);
        WasmLinkUnit changed = LinkUnits.Variant(change);

        GuestImage image = cache.GetOrCompile(changed);

        Assert.Equal(0, cache.Hits);
        Assert.Equal(GuestImageSerializer.Serialize(changed.Link()), GuestImageSerializer.Serialize(image));
        Assert.Equal(2, Entries().Length);
    }

    [Fact]
    public void A_unit_that_does_not_link_is_not_cached()
    {
        WasmLinkUnit unlinkable = LinkUnits.Variant("host global type");

        Assert.Throws<WasmLinkException>(() => new CompiledImageCache(CacheDirectory).GetOrCompile(unlinkable));
        Assert.Empty(Entries());
    }

    [Fact]
    public void Concurrent_lookups_of_one_unit_leave_one_valid_entry()
    {
        const int Threads = 8;
        var start = new Barrier(Threads);
        var images = new GuestImage[Threads];
        Thread[] threads = [.. Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            var cache = new CompiledImageCache(CacheDirectory);
            start.SignalAndWait();
            images[i] = cache.GetOrCompile(LinkUnits.Original());
        }))];

        foreach (Thread thread in threads)
            thread.Start();
        foreach (Thread thread in threads)
            thread.Join();

        byte[] expected = GuestImageSerializer.Serialize(LinkUnits.Original().Link());
        Assert.All(images, image => Assert.Equal(expected, GuestImageSerializer.Serialize(image)));
        Assert.Single(Directory.GetFiles(CacheDirectory));
        var reader = new CompiledImageCache(CacheDirectory);
        Assert.Equal(expected, GuestImageSerializer.Serialize(reader.GetOrCompile(LinkUnits.Original())));
        Assert.Equal(1, reader.Hits);
    }
}
