namespace Hyperlight.Wasm.Tests.Caching;

/// <summary>A cache directory of one test, removed afterwards.</summary>
public abstract class ScratchDirectory : IDisposable
{
    protected string CacheDirectory { get; } = Path.Combine(Path.GetTempPath(), $"hl-cache-{Guid.NewGuid():N}");

    protected string[] Entries() =>
        Directory.Exists(CacheDirectory) ? Directory.GetFiles(CacheDirectory, "*.hlimg") : [];

    public void Dispose()
    {
        if (Directory.Exists(CacheDirectory))
            Directory.Delete(CacheDirectory, recursive: true);
    }
}
