using Hyperlight.Vm.Kvm.Abi;

namespace Hyperlight.Vm.Kvm.Ioctls;

/// <summary>General-purpose and special registers.</summary>
internal sealed partial class KvmVcpu
{
    /// <summary><c>KVM_GET_REGS</c>.</summary>
    public void GetRegisters(out KvmRegs registers) => Get(KvmIoctl.GetRegs, "KVM_GET_REGS", out registers);

    /// <summary><c>KVM_SET_REGS</c>.</summary>
    public void SetRegisters(in KvmRegs registers) => Set(KvmIoctl.SetRegs, "KVM_SET_REGS", in registers);

    /// <summary><c>KVM_GET_SREGS</c>.</summary>
    public void GetSpecialRegisters(out KvmSregs registers) => Get(KvmIoctl.GetSregs, "KVM_GET_SREGS", out registers);

    /// <summary><c>KVM_SET_SREGS</c>. <c>EINVAL</c> here usually means a CR4/EFER bit the CPUID set with <see cref="SetCpuid"/> does not allow.</summary>
    public void SetSpecialRegisters(in KvmSregs registers) => Set(KvmIoctl.SetSregs, "KVM_SET_SREGS", in registers);
}
