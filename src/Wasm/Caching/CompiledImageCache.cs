using Hyperlight.Images;

namespace Hyperlight.Wasm.Caching;

/// <summary>
/// Keeps compiled guest images on disk so a later build of the same link unit, in this process or
/// another, skips compilation. An entry is named by the unit's <see cref="CompileKey"/>, which
/// covers every module, host definition and compiler option and the compiler build, so a changed
/// input or a newer compiler is a miss, never a stale image.
/// </summary>
/// <remarks>
/// <para>The cache only ever speeds a build up: an unreadable, damaged or foreign entry is a miss and
/// is rewritten, and a directory that cannot be written leaves the image uncached. Writers go
/// through a temporary file and a rename, so concurrent builds (threads or processes) never see half
/// an entry; the last rename wins with an equal image.</para>
/// <para>The directory grows by one entry per distinct unit and compiler build, and entries of older
/// builds are never read again; nothing is deleted unless <see cref="Trim"/> is called.</para>
/// <para>Entries hold machine code that the in-process driver runs natively: the directory must be
/// writable by trusted users only. It is created readable by its owner alone.</para>
/// </remarks>
public sealed class CompiledImageCache
{
    private const string EntryExtension = ".hlimg";
    private const string TemporaryExtension = ".tmp";

    // A temporary file this old belongs to a writer that died before its rename.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    private int _hits;

    public CompiledImageCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    /// <summary>The default location: $XDG_CACHE_HOME/hyperlight/images (or ~/.cache/hyperlight/images).</summary>
    public static string DefaultDirectory
    {
        get
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string root = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(root, "hyperlight", "images");
        }
    }

    public string Directory { get; }

    /// <summary>How many lookups were served from disk since this instance was created.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>The image of one module (as <see cref="WasmCompiler.Compile"/>), compiling and storing it on a miss.</summary>
    public GuestImage GetOrCompile(ReadOnlyMemory<byte> module, WasmCompilerOptions? options = null) =>
        GetOrCompile(WasmLinkUnit.Single(module, options));

    /// <summary>The image of a link unit (as <see cref="WasmCompiler.Link"/>), compiling and storing it on a miss.</summary>
    public GuestImage GetOrCompile(IReadOnlyList<NamedWasmModule> modules, IReadOnlyList<WasmHostExtern> hostExterns, WasmCompilerOptions? options = null) =>
        GetOrCompile(new WasmLinkUnit(modules, hostExterns, options));

    /// <inheritdoc cref="GetOrCompile(IReadOnlyList{NamedWasmModule}, IReadOnlyList{WasmHostExtern}, WasmCompilerOptions?)"/>
    public GuestImage GetOrCompile(WasmLinkUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        string path = Path.Combine(Directory, unit.Key.Hex + EntryExtension);
        if (TryRead(path, unit.Key) is { } cached)
        {
            Interlocked.Increment(ref _hits);
            MarkUsed(path);
            return cached;
        }
        GuestImage image = unit.Link();
        TryWrite(path, CacheEntry.Encode(unit.Key, image));
        return image;
    }

    /// <summary>
    /// Deletes the least recently used entries until the rest fit in <paramref name="maximumBytes"/>,
    /// and temporary files abandoned by writers that died. Safe while other builds use the cache: an
    /// entry deleted under a reader is a miss. Returns how many entries were deleted.
    /// </summary>
    public int Trim(long maximumBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maximumBytes);
        var directory = new DirectoryInfo(Directory);
        if (!directory.Exists)
            return 0;
        DateTime abandoned = DateTime.UtcNow - AbandonedAfter;
        foreach (FileInfo temporary in directory.EnumerateFiles("*" + TemporaryExtension).Where(f => f.LastWriteTimeUtc < abandoned))
            TryDelete(temporary.FullName);

        int deleted = 0;
        long kept = 0;
        foreach (FileInfo entry in directory.EnumerateFiles("*" + EntryExtension).OrderByDescending(f => f.LastWriteTimeUtc))
        {
            kept += entry.Length;
            if (kept > maximumBytes && TryDelete(entry.FullName))
                deleted++;
        }
        return deleted;
    }

    private static GuestImage? TryRead(string path, CompileKey key)
    {
        try
        {
            return File.Exists(path) ? CacheEntry.Decode(key, File.ReadAllBytes(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Refreshes the entry's time, which <see cref="Trim"/> orders by; best effort (the directory may be read-only).</summary>
    private static void MarkUsed(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only cache still serves hits; Trim just sees the entry as older than it is.
        }
    }

    /// <summary>Writes through a temporary file and a rename, so a concurrent reader never sees half an entry.</summary>
    private void TryWrite(string path, byte[] bytes)
    {
        string temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}{TemporaryExtension}";
        try
        {
            CreateDirectory();
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a read-only or full disk must not fail the build.
            TryDelete(temporary);
        }
    }

    private void CreateDirectory()
    {
        if (OperatingSystem.IsWindows())
            System.IO.Directory.CreateDirectory(Directory);
        else
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process holds it (Windows) or the directory is read-only; a later trim retries.
            return false;
        }
    }
}
