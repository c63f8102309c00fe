using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Kvm.Abi;

/// <summary><c>struct kvm_sregs</c> (312 bytes): segment, descriptor-table and control registers, EFER.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct KvmSregs
{
    public KvmSegment Cs, Ds, Es, Fs, Gs, Ss;
    public KvmSegment Tr, Ldt;
    public KvmDescriptorTable Gdt, Idt;
    public ulong Cr0, Cr2, Cr3, Cr4, Cr8;
    public ulong Efer;
    public ulong ApicBase;
    /// <summary>One bit per pending external interrupt vector (256 bits).</summary>
    public fixed ulong InterruptBitmap[4];
}
