using System.Runtime.InteropServices;
using Hyperlight.Vm.Kvm.Abi;
using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Vm.Kvm.Ioctls;

/// <summary>The CPUID the guest sees.</summary>
internal sealed unsafe partial class KvmVcpu
{
    /// <summary>
    /// <c>KVM_SET_CPUID2</c>. Must come before <c>KVM_SET_SREGS</c>: KVM checks CR4 and EFER bits
    /// against the vCPU's CPUID, and a vCPU without one refuses features such as OSXMMEXCPT on some hosts.
    /// </summary>
    public void SetCpuid(ReadOnlySpan<KvmCpuidEntry2> entries)
    {
        nuint bytes = (nuint)(sizeof(KvmCpuid2Header) + (entries.Length * sizeof(KvmCpuidEntry2)));
        void* buffer = NativeMemory.AllocZeroed(bytes);
        try
        {
            ((KvmCpuid2Header*)buffer)->Nent = (uint)entries.Length;
            entries.CopyTo(new Span<KvmCpuidEntry2>((byte*)buffer + sizeof(KvmCpuid2Header), entries.Length));
            if (LibC.Ioctl(_fd, KvmIoctl.SetCpuid2, buffer) != 0)
                throw new KvmException($"KVM_SET_CPUID2 ({entries.Length} entries)", Marshal.GetLastPInvokeError());
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }
}
