using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Kvm.Native;

/// <summary>
/// glibc's <c>struct sigaction</c> on x86-64 (152 bytes): handler, a 1024-bit <c>sigset_t</c> of
/// signals blocked while it runs, flags, restorer (glibc fills that in itself).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 152)]
internal struct SigAction
{
    /// <summary><c>SIG_DFL</c>: the default disposition (for a real-time signal: terminate the process).</summary>
    public const nint DefaultHandler = 0;

    [FieldOffset(0)] public nint Handler;
    [FieldOffset(8)] public SigSet Mask;
    [FieldOffset(136)] public int Flags;
    [FieldOffset(144)] public nint Restorer;
}

/// <summary>glibc's <c>sigset_t</c>: 1024 bits.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SigSet
{
    private fixed ulong _bits[16];
}
