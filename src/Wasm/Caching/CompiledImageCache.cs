using System.Security.Cryptography;
using Hyperlight.Images;

namespace Hyperlight.Wasm.Caching;

/// <summary>
/// Keeps compiled guest images on disk so a second build of the same module skips compilation.
/// The key is the SHA-256 of the module bytes together with the identity of the compiler build
/// (the Hyperlight.Wasm assembly's module version id, which changes whenever its code does), so a
/// newer compiler never picks up an older compiler's output. A damaged or unreadable entry is
/// treated as a miss and rewritten.
/// </summary>
public sealed class CompiledImageCache
{
    private static readonly string CompilerIdentity =
        typeof(WasmCompiler).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private readonly string _directory;

    public CompiledImageCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = directory;
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

    /// <summary>How many lookups were served from disk since this instance was created.</summary>
    public int Hits { get; private set; }

    /// <summary>The cached image of <paramref name="module"/>, compiling and storing it on a miss.</summary>
    public GuestImage GetOrCompile(ReadOnlyMemory<byte> module, WasmCompilerOptions? options = null)
    {
        string path = PathFor(module.Span);
        if (TryRead(path) is { } cached)
        {
            Hits++;
            return cached;
        }
        GuestImage image = WasmCompiler.Compile(module, options);
        TryWrite(path, GuestImageSerializer.Serialize(image));
        return image;
    }

    private string PathFor(ReadOnlySpan<byte> module)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(module, hash);
        return Path.Combine(_directory, $"{Convert.ToHexStringLower(hash)}-{CompilerIdentity}.hlimg");
    }

    private static GuestImage? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? GuestImageSerializer.Deserialize(File.ReadAllBytes(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Writes through a temporary file and a rename, so a concurrent reader never sees half an entry.</summary>
    private void TryWrite(string path, byte[] bytes)
    {
        string temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(_directory);
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a read-only or full disk must not fail the build.
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do; a stray temporary file is harmless.
        }
    }
}
