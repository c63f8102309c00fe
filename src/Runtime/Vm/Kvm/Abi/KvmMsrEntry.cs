using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Kvm.Abi;

/// <summary>
/// <c>struct kvm_msr_entry</c> (16 bytes). <c>struct kvm_msrs</c> is an 8-byte header
/// (<c>u32 nmsrs</c>, padding) followed by these entries; <see cref="KvmMsrsHeader"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KvmMsrEntry
{
    public uint Index;
    private readonly uint _reserved;
    public ulong Data;

    public KvmMsrEntry(uint index, ulong data)
    {
        Index = index;
        Data = data;
    }
}

/// <summary>The fixed part of <c>struct kvm_msrs</c>; the entries follow at offset 8.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KvmMsrsHeader
{
    public uint Nmsrs;
    private readonly uint _padding;
}
