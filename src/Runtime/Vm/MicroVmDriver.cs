namespace Hyperlight.Vm;

/// <summary>Which CPU runs a micro-VM guest (DESIGN.md §5 "Drivers").</summary>
public enum MicroVmDriver
{
    /// <summary>The host CPU, in the host process: no VM boundary, for debugging and measuring the compiler.</summary>
    InProcess,
    /// <summary>Unicorn's software x86-64 CPU with the guest's own page tables.</summary>
    Emulated,
    /// <summary>A hardware virtual machine through <c>/dev/kvm</c>.</summary>
    Kvm,
}
