using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Kvm.Abi;

/// <summary>
/// <c>struct kvm_cpuid_entry2</c> (40 bytes). <c>struct kvm_cpuid2</c> is an 8-byte header
/// (<c>u32 nent</c>, padding) followed by these entries; <see cref="KvmCpuid2Header"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct KvmCpuidEntry2
{
    public uint Function;
    public uint Index;
    public uint Flags;
    public uint Eax, Ebx, Ecx, Edx;
    private fixed uint _padding[3];
}

/// <summary>The fixed part of <c>struct kvm_cpuid2</c>; the entries follow at offset 8.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KvmCpuid2Header
{
    public uint Nent;
    private readonly uint _padding;
}
