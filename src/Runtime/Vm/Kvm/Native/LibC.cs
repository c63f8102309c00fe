using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Kvm.Native;

/// <summary>
/// The libc calls the KVM driver needs, declared with fixed arguments (on x86-64 Linux that is
/// compatible with the variadic <c>ioctl</c> and <c>open</c> for integer and pointer arguments).
/// Every call that can fail sets errno; callers read it with <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal static unsafe partial class LibC
{
    // glibc's soname: "libc" alone would make the loader try libc.so, which on machines with the
    // development headers is a linker script, not a library.
    private const string Library = "libc.so.6";

    public const int O_RDWR = 0x2;
    public const int O_CLOEXEC = 0x8_0000;

    public const int PROT_READ = 0x1;
    public const int PROT_WRITE = 0x2;
    public const int PROT_EXEC = 0x4;
    public const int MAP_SHARED = 0x01;
    public const int MAP_PRIVATE = 0x02;
    public const int MAP_ANONYMOUS = 0x20;
    public static readonly void* MapFailed = (void*)-1;

    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int ENXIO = 6;
    public const int E2BIG = 7;
    public const int EACCES = 13;
    public const int ENODEV = 19;
    public const int EINVAL = 22;

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary><c>ioctl</c> whose argument is a pointer to a struct.</summary>
    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(SafeHandle fd, nuint request, void* argument);

    /// <summary><c>ioctl</c> whose argument is an integer (or none: pass 0).</summary>
    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(SafeHandle fd, nuint request, nuint argument);

    [LibraryImport(Library, EntryPoint = "mmap", SetLastError = true)]
    public static partial void* Mmap(void* address, nuint length, int protection, int flags, SafeHandle fd, nint offset);

    [LibraryImport(Library, EntryPoint = "mmap", SetLastError = true)]
    public static partial void* MmapAnonymous(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport(Library, EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(void* address, nuint length);

    [LibraryImport(Library, EntryPoint = "mprotect", SetLastError = true)]
    public static partial int Mprotect(void* address, nuint length, int protection);

    [LibraryImport(Library, EntryPoint = "pthread_self")]
    public static partial nuint PthreadSelf();

    /// <summary>Returns 0 or an error number (pthread functions do not set errno).</summary>
    [LibraryImport(Library, EntryPoint = "pthread_kill")]
    public static partial int PthreadKill(nuint thread, int signal);

    [LibraryImport(Library, EntryPoint = "sigaction", SetLastError = true)]
    public static partial int Sigaction(int signal, SigAction* action, SigAction* previous);

    /// <summary>SIGRTMIN as glibc computes it (it keeps the first real-time signals for itself).</summary>
    [LibraryImport(Library, EntryPoint = "__libc_current_sigrtmin")]
    public static partial int CurrentSigRtMin();

    [LibraryImport(Library, EntryPoint = "__libc_current_sigrtmax")]
    public static partial int CurrentSigRtMax();

    /// <summary>The text of an errno value, e.g. "Permission denied (errno 13)".</summary>
    public static string DescribeErrno(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
}
