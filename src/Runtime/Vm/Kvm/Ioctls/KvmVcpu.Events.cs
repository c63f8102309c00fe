using Hyperlight.Vm.Kvm.Abi;

namespace Hyperlight.Vm.Kvm.Ioctls;

/// <summary>Pending events and the run state: what a crash leaves behind and a reset clears.</summary>
internal sealed partial class KvmVcpu
{
    /// <summary><c>KVM_GET_VCPU_EVENTS</c>: after a triple fault, the exception that caused it.</summary>
    public void GetEvents(out KvmVcpuEvents events) => Get(KvmIoctl.GetVcpuEvents, "KVM_GET_VCPU_EVENTS", out events);

    /// <summary><c>KVM_SET_VCPU_EVENTS</c>.</summary>
    public void SetEvents(in KvmVcpuEvents events) => Set(KvmIoctl.SetVcpuEvents, "KVM_SET_VCPU_EVENTS", in events);

    /// <summary><c>KVM_SET_MP_STATE</c>.</summary>
    public void SetMpState(KvmMpState state) => Set(KvmIoctl.SetMpState, "KVM_SET_MP_STATE", (uint)state);
}
