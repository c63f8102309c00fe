using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Hyperlight.Images;

namespace Hyperlight.Wasm.Caching;

/// <summary>
/// The bytes of one cache file: a header with the key the entry was stored under and the SHA-256 of
/// the image, then the serialized image. The image format checks its own structure but not its
/// content, so a flipped bit in the machine code would otherwise load; the header makes a damaged,
/// truncated or misplaced file a miss instead of a wrong image. It guards against accidents, not
/// against someone who can write the directory (they can write a matching hash too).
/// </summary>
internal static class CacheEntry
{
    private const uint Magic = 0x45434C48; // "HLCE"
    private const int KeyLength = 64; // CompileKey.Hex: a SHA-256 in hex
    private const int HeaderLength = sizeof(uint) + KeyLength + SHA256.HashSizeInBytes;

    public static byte[] Encode(CompileKey key, GuestImage image)
    {
        byte[] payload = GuestImageSerializer.Serialize(image);
        var entry = new byte[HeaderLength + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(entry, Magic);
        Encoding.ASCII.GetBytes(key.Hex, entry.AsSpan(sizeof(uint), KeyLength));
        SHA256.HashData(payload, entry.AsSpan(sizeof(uint) + KeyLength, SHA256.HashSizeInBytes));
        payload.CopyTo(entry, HeaderLength);
        return entry;
    }

    /// <summary>The image stored in <paramref name="entry"/> under <paramref name="key"/>, or null when the bytes are anything else.</summary>
    public static GuestImage? Decode(CompileKey key, ReadOnlySpan<byte> entry)
    {
        if (entry.Length < HeaderLength || BinaryPrimitives.ReadUInt32LittleEndian(entry) != Magic)
            return null;
        Span<byte> expectedKey = stackalloc byte[KeyLength];
        Encoding.ASCII.GetBytes(key.Hex, expectedKey);
        if (!entry.Slice(sizeof(uint), KeyLength).SequenceEqual(expectedKey))
            return null;
        ReadOnlySpan<byte> payload = entry[HeaderLength..];
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, digest);
        if (!entry.Slice(sizeof(uint) + KeyLength, SHA256.HashSizeInBytes).SequenceEqual(digest))
            return null;
        try
        {
            return GuestImageSerializer.Deserialize(payload);
        }
        catch (InvalidDataException)
        {
            // Intact bytes the serializer refuses: written by an image format this build no longer reads.
            return null;
        }
    }
}
