namespace Hyperlight.Vm;

/// <summary>
/// Sizes of the micro-VM's fixed regions (docs/memory-layout.md). The call frame size and the
/// linear-memory limit come from <see cref="SandboxOptions"/>; everything here has a default that
/// suits Wasm guests. Checked when a sandbox is built (<see cref="SandboxConfigurationException"/>).
/// </summary>
public sealed record MicroVmOptions
{
    public const int PageSize = 4096;

    /// <summary>Guest stack, bytes (multiple of 4 KiB, at least 16 KiB). In-process the guest uses this much of the calling thread's stack. Default 512 KiB.</summary>
    public int StackSize { get; init; } = 512 * 1024;

    /// <summary>Unmapped bytes below the stack (multiple of 4 KiB, at least one page). Default 4 KiB.</summary>
    public int StackGuardSize { get; init; } = PageSize;

    /// <summary>
    /// Bytes above the stack bottom that compiled prologues leave free: <see cref="ControlPage.StackLimit"/>
    /// = stack bottom + this, so the trap path and the host-call stub still have room. Default 4 KiB.
    /// </summary>
    public int StackLimitMargin { get; init; } = PageSize;

    /// <summary>Unmapped bytes after the linear memory's maximum (multiple of 4 KiB). Default 64 KiB.</summary>
    public long LinearMemoryGuardSize { get; init; } = 64 * 1024;

    /// <summary>Set EFER.NXE and mark every data page no-execute (DESIGN.md §5: EFER 0xD01 instead of 0x501). Default true.</summary>
    public bool NoExecuteData { get; init; } = true;

    /// <summary>Upper bound of the whole guest address space, guard regions included. Default 8 GiB.</summary>
    public long MaxGuestMemoryBytes { get; init; } = 8L << 30;

    public static MicroVmOptions Default { get; } = new();
}
