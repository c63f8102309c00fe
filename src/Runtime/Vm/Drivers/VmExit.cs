namespace Hyperlight.Vm.Drivers;

/// <summary>Why <see cref="IVmDriver.Run"/> returned.</summary>
internal enum VmExitKind : byte
{
    /// <summary>The guest executed <c>out</c>: <see cref="VmExit.Port"/> and <see cref="VmExit.Value"/> say where and what.</summary>
    IoOut = 1,
    /// <summary>A CPU exception the guest could not handle (KVM shutdown / triple fault, Unicorn interrupt hook): <see cref="VmExit.Vector"/> where known.</summary>
    Fault,
    /// <summary>The guest stopped on its own without an <c>out</c> (<c>hlt</c>, or an emulation stop nobody asked for).</summary>
    Halted,
    /// <summary><see cref="IVmDriver.Interrupt"/> stopped the guest.</summary>
    Interrupted,
    /// <summary>Any other exit the guest caused (an <c>in</c>, MMIO, a failed entry, an emulation failure): <see cref="VmExit.Detail"/> and <see cref="VmExit.Description"/> say which.</summary>
    Unexpected,
}

/// <summary>
/// An exit record: returned by value from the per-call path, so it is a plain struct whose only
/// reference (<see cref="Description"/>) is set on crash paths alone.
/// </summary>
internal readonly struct VmExit
{
    private VmExit(VmExitKind kind, ushort port, uint value, ulong rip, int vector, ulong detail, string? description)
    {
        Kind = kind;
        Port = port;
        Value = value;
        Rip = rip;
        Vector = vector;
        Detail = detail;
        Description = description;
    }

    public VmExitKind Kind { get; }

    /// <summary><see cref="VmExitKind.IoOut"/>: the port (<see cref="IoPorts"/>).</summary>
    public ushort Port { get; }

    /// <summary><see cref="VmExitKind.IoOut"/>: the value written (AL zero-extended for byte-sized <c>out</c>).</summary>
    public uint Value { get; }

    /// <summary>Guest RIP at the exit where the driver knows it cheaply (faults: the faulting instruction), else 0.</summary>
    public ulong Rip { get; }

    /// <summary><see cref="VmExitKind.Fault"/>: the CPU exception vector (14 #PF, 13 #GP, 6 #UD, 0 #DE), or -1 when unknown.</summary>
    public int Vector { get; }

    /// <summary>Driver-specific code: KVM exit reason or suberror, Unicorn error code.</summary>
    public ulong Detail { get; }

    /// <summary>A sentence for the crash message, on non-<see cref="VmExitKind.IoOut"/> exits.</summary>
    public string? Description { get; }

    public static VmExit IoOut(ushort port, uint value) => new(VmExitKind.IoOut, port, value, 0, -1, 0, null);

    public static VmExit Fault(ulong rip, int vector, string description) => new(VmExitKind.Fault, 0, 0, rip, vector, 0, description);

    public static VmExit Halted(ulong rip, string description) => new(VmExitKind.Halted, 0, 0, rip, -1, 0, description);

    public static VmExit Interrupted() => new(VmExitKind.Interrupted, 0, 0, 0, -1, 0, null);

    public static VmExit Unexpected(ulong rip, ulong detail, string description) => new(VmExitKind.Unexpected, 0, 0, rip, -1, detail, description);
}
