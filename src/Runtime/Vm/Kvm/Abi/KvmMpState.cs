namespace Hyperlight.Vm.Kvm.Abi;

/// <summary><c>struct kvm_mp_state</c> is a single <c>u32</c> holding one of these (<c>KVM_MP_STATE_*</c>).</summary>
internal enum KvmMpState : uint
{
    Runnable = 0,
    Uninitialized = 1,
    InitReceived = 2,
    Halted = 3,
}
