namespace Hyperlight;

/// <summary>How strong the boundary around the guest is, beyond Wasm's own checks.</summary>
public enum VmBoundary
{
    /// <summary>No VM: the guest runs in the host process (in-process driver, Wasmtime).</summary>
    None = 0,
    /// <summary>A software CPU with its own page tables (Unicorn).</summary>
    Emulated = 1,
    /// <summary>A hardware virtual machine (KVM).</summary>
    Hardware = 2,
}
