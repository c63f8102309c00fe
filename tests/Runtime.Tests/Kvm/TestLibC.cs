using System.Runtime.InteropServices;

namespace Hyperlight.Tests.Kvm;

/// <summary>libc calls only the tests need (the driver's own are in <c>Hyperlight.Vm.Kvm.Native.LibC</c>).</summary>
internal static unsafe partial class TestLibC
{
    [LibraryImport("libc.so.6", EntryPoint = "pipe", SetLastError = true)]
    public static partial int Pipe(int* fds);

    [LibraryImport("libc.so.6", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport("libc.so.6", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buffer, nuint count);
}
