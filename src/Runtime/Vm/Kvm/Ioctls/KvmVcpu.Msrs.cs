using System.Runtime.InteropServices;
using Hyperlight.Vm.Kvm.Abi;
using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Vm.Kvm.Ioctls;

/// <summary>Model-specific registers.</summary>
internal sealed unsafe partial class KvmVcpu
{
    /// <summary>The most MSRs one <see cref="SetMsrs"/> call takes (the buffer lives on the stack).</summary>
    public const int MaxMsrsPerCall = 16;

    /// <summary>
    /// <c>KVM_SET_MSRS</c>. The ioctl returns how many entries it applied and stops at the first it
    /// refuses, so anything short of all of them is an error naming that MSR.
    /// </summary>
    public void SetMsrs(ReadOnlySpan<KvmMsrEntry> entries)
    {
        if (entries.Length is 0 or > MaxMsrsPerCall)
            throw new ArgumentOutOfRangeException(nameof(entries), entries.Length, $"KVM_SET_MSRS takes 1 to {MaxMsrsPerCall} entries here.");
        byte* buffer = stackalloc byte[sizeof(KvmMsrsHeader) + (MaxMsrsPerCall * sizeof(KvmMsrEntry))];
        ((KvmMsrsHeader*)buffer)->Nmsrs = (uint)entries.Length;
        entries.CopyTo(new Span<KvmMsrEntry>(buffer + sizeof(KvmMsrsHeader), entries.Length));
        int applied = LibC.Ioctl(_fd, KvmIoctl.SetMsrs, buffer);
        if (applied < 0)
            throw new KvmException("KVM_SET_MSRS", Marshal.GetLastPInvokeError());
        if (applied < entries.Length)
            throw new KvmException($"KVM_SET_MSRS refused MSR 0x{entries[applied].Index:x} (value 0x{entries[applied].Data:x}); it applied {applied} of {entries.Length}.");
    }
}
