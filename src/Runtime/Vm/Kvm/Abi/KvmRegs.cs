using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Kvm.Abi;

/// <summary><c>struct kvm_regs</c> (144 bytes): the general-purpose registers, RIP and RFLAGS, in the kernel's order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KvmRegs
{
    public ulong Rax, Rbx, Rcx, Rdx;
    public ulong Rsi, Rdi, Rsp, Rbp;
    public ulong R8, R9, R10, R11, R12, R13, R14, R15;
    public ulong Rip, Rflags;
}
