namespace Hyperlight.Vm.Drivers;

/// <summary>Where the guest sees its memory.</summary>
internal enum GuestAddressing
{
    /// <summary>Guest address = offset in the mapping (KVM memory slot / Unicorn physical memory at 0, identity-mapped by the page tables).</summary>
    VirtualMachine,
    /// <summary>Guest address = host address: the code runs where the host mapped it (no page tables in use).</summary>
    HostProcess,
}
