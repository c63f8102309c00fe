namespace Hyperlight.Vm.Kvm.Abi;

/// <summary>Arguments of <c>KVM_CHECK_EXTENSION</c> that the driver asks about.</summary>
internal enum KvmCapability
{
    UserMemory = 0x03,
    NrVcpus = 0x09,
    /// <summary><c>KVM_MEM_READONLY</c> slots: guest writes to them exit as MMIO instead of changing memory.</summary>
    ReadonlyMem = 0x51,
    /// <summary><c>kvm_run.immediate_exit</c>: a kick that lands before <c>KVM_RUN</c> still makes it return <c>EINTR</c>.</summary>
    ImmediateExit = 0x88,
}
