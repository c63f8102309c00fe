using System.Runtime.InteropServices;

namespace Hyperlight.Wasm.Tests.Compiler.Harness;

/// <summary>Anonymous mappings for the test harness: executable code and lazily committed linear memory.</summary>
internal static unsafe partial class NativeMappings
{
    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int ProtExec = 4;
    private const int MapPrivate = 0x02;
    private const int MapAnonymous = 0x20;
    private const int MapNoReserve = 0x4000;

    public static byte* MapReadWrite(nuint length)
    {
        nint address = mmap(0, length, ProtRead | ProtWrite, MapPrivate | MapAnonymous | MapNoReserve, -1, 0);
        if (address == -1)
            throw new InvalidOperationException($"mmap of {length} bytes failed (errno {Marshal.GetLastPInvokeError()})");
        return (byte*)address;
    }

    /// <summary>Copies <paramref name="code"/> into a fresh mapping and makes it read+execute.</summary>
    public static byte* MapCode(ReadOnlySpan<byte> code, out nuint length)
    {
        length = (nuint)((code.Length + 4095) & ~4095);
        byte* memory = MapReadWrite(length);
        code.CopyTo(new Span<byte>(memory, code.Length));
        if (mprotect((nint)memory, length, ProtRead | ProtExec) != 0)
            throw new InvalidOperationException($"mprotect failed (errno {Marshal.GetLastPInvokeError()})");
        return memory;
    }

    public static void Unmap(byte* address, nuint length)
    {
        if (address != null)
            _ = munmap((nint)address, length);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(nint address, nuint length);
}
