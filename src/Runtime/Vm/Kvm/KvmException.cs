using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Vm.Kvm;

/// <summary>
/// A KVM operation failed for a reason on the host side (the guest cannot cause these): a refused
/// ioctl, an exhausted resource, a missing capability. The message names the operation and errno.
/// </summary>
public sealed class KvmException : HyperlightException
{
    public KvmException(string message) : base(message) { }

    internal KvmException(string operation, int errno)
        : base($"{operation} failed: {LibC.DescribeErrno(errno)}.{Hint(errno)}")
    {
        Errno = errno;
    }

    /// <summary>The errno of the failed call, or 0 when the failure was not a system call's.</summary>
    public int Errno { get; }

    private static string Hint(int errno) => errno switch
    {
        LibC.EACCES or LibC.EPERM => " The user needs read-write access to /dev/kvm (usually membership of the kvm group).",
        LibC.ENOENT or LibC.ENXIO or LibC.ENODEV => " This host has no usable KVM (/dev/kvm is missing or its module is not loaded).",
        _ => "",
    };
}
