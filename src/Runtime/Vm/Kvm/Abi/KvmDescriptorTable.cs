using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Kvm.Abi;

/// <summary><c>struct kvm_dtable</c> (16 bytes): GDTR or IDTR.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct KvmDescriptorTable
{
    [FieldOffset(0)] public ulong Base;
    [FieldOffset(8)] public ushort Limit;
}
