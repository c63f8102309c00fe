using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Native;

/// <summary>The few libc calls guest memory needs (Linux x86-64).</summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    public const int ProtNone = 0;
    public const int ProtRead = 1;
    public const int ProtWrite = 2;
    public const int ProtExec = 4;

    public const int MapShared = 0x01;
    public const int MapPrivate = 0x02;
    public const int MapFixed = 0x10;
    public const int MapAnonymous = 0x20;

    public const uint MfdCloexec = 0x1;
    /// <summary>Linux 6.3+: the memfd may be mapped executable (older kernels reject the flag with EINVAL).</summary>
    public const uint MfdExec = 0x10;

    public const int MadvDontNeed = 4;

    public const int EInval = 22;

    public static readonly nint MapFailed = -1;

    [LibraryImport(Library, EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MemfdCreate(string name, uint flags);

    [LibraryImport(Library, EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int Ftruncate(int fd, long length);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport(Library, EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(nint address, nuint length);

    [LibraryImport(Library, EntryPoint = "mprotect", SetLastError = true)]
    public static partial int Mprotect(nint address, nuint length, int protection);

    [LibraryImport(Library, EntryPoint = "madvise", SetLastError = true)]
    public static partial int Madvise(nint address, nuint length, int advice);

    /// <summary>The message for the errno of the last failed call, e.g. "ENOMEM (Cannot allocate memory)".</summary>
    public static string LastError() => Marshal.GetLastPInvokeErrorMessage();
}
