using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Kvm.Abi;

/// <summary>
/// <c>struct kvm_segment</c> (24 bytes): a segment register with its hidden descriptor part, one
/// byte per attribute bit as KVM unpacks them.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KvmSegment
{
    public ulong Base;
    public uint Limit;
    public ushort Selector;
    /// <summary>Descriptor type: 11 = execute/read, accessed code; 3 = read/write, accessed data.</summary>
    public byte Type;
    public byte Present;
    public byte Dpl;
    /// <summary>Default operand size (must be 0 for a 64-bit code segment).</summary>
    public byte Db;
    /// <summary>1 for code/data descriptors (0 = system).</summary>
    public byte S;
    /// <summary>64-bit code segment.</summary>
    public byte L;
    /// <summary>Granularity: limit counted in 4 KiB units.</summary>
    public byte G;
    public byte Avl;
    public byte Unusable;
    private readonly byte _padding;
}
