using Hyperlight.Images;
using Hyperlight.Wasm.Caching;

namespace Hyperlight.Wasm.Tests.Caching;

/// <summary>Whatever is in an entry's file, a lookup gives the right image: a damaged entry is a miss, never an exception or a wrong image.</summary>
public sealed class DamagedEntryTests : ScratchDirectory
{
    private readonly byte[] _expected = GuestImageSerializer.Serialize(LinkUnits.Original().Link());

    [Fact]
    public void Garbage_is_a_miss_and_is_rewritten()
    {
        string entry = StoreOriginal();
        File.WriteAllBytes(entry, [1, 2, 3]);

        AssertMissThenHit();
    }

    [Fact]
    public void Every_truncation_is_a_miss()
    {
        string entry = StoreOriginal();
        byte[] whole = File.ReadAllBytes(entry);

        // Every length in the header, then a spread through the image.
        foreach (int length in Enumerable.Range(0, 120).Concat(Enumerable.Range(1, 40).Select(i => whole.Length * i / 41)))
        {
            File.WriteAllBytes(entry, whole[..length]);
            AssertMiss();
        }
    }

    [Fact]
    public void A_flipped_bit_anywhere_is_a_miss()
    {
        // The image format would accept most flips in the machine code; the entry's hash must not.
        string entry = StoreOriginal();
        byte[] whole = File.ReadAllBytes(entry);
        var random = new Random(20261128);

        for (int round = 0; round < 200; round++)
        {
            byte[] damaged = (byte[])whole.Clone();
            damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(entry, damaged);
            AssertMiss();
        }
    }

    [Fact]
    public void Another_units_entry_under_this_name_is_a_miss()
    {
        // As a file copied to the wrong name, or a stale entry after a hash collision would look.
        new CompiledImageCache(CacheDirectory).GetOrCompile(LinkUnits.Variant("host global initial value"));
        string other = Entries().Single();
        File.Copy(other, Path.Combine(CacheDirectory, LinkUnits.Original().Key.Hex + ".hlimg"));

        AssertMissThenHit();
    }

    [Fact]
    public void An_empty_file_is_a_miss()
    {
        string entry = StoreOriginal();
        File.WriteAllBytes(entry, []);

        AssertMissThenHit();
    }

    [Fact]
    public void A_directory_in_place_of_the_entry_is_a_miss_that_stays_a_miss()
    {
        Directory.CreateDirectory(Path.Combine(CacheDirectory, LinkUnits.Original().Key.Hex + ".hlimg"));

        AssertMiss();
        AssertMiss();
    }

    private string StoreOriginal()
    {
        new CompiledImageCache(CacheDirectory).GetOrCompile(LinkUnits.Original());
        return Path.Combine(CacheDirectory, LinkUnits.Original().Key.Hex + ".hlimg");
    }

    private void AssertMiss()
    {
        var cache = new CompiledImageCache(CacheDirectory);
        GuestImage image = cache.GetOrCompile(LinkUnits.Original());
        Assert.Equal(0, cache.Hits);
        Assert.Equal(_expected, GuestImageSerializer.Serialize(image));
    }

    private void AssertMissThenHit()
    {
        AssertMiss();
        var cache = new CompiledImageCache(CacheDirectory);
        Assert.Equal(_expected, GuestImageSerializer.Serialize(cache.GetOrCompile(LinkUnits.Original())));
        Assert.Equal(1, cache.Hits);
    }
}
