namespace Hyperlight.Vm.Drivers;

/// <summary>
/// Makes drivers of one kind and says whether this machine can run them. One instance per kind
/// (KVM, emulated, in-process); <see cref="MicroVmEngineFactory"/> wraps one.
/// </summary>
internal interface IVmDriverFactory
{
    /// <summary>Short engine name for logs and <see cref="Engines.EngineInfo.Name"/>: <c>kvm</c>, <c>emulated</c>, <c>in-process</c>.</summary>
    string Name { get; }

    VmBoundary Boundary { get; }

    /// <summary>
    /// How the guest's addresses relate to the host mapping: VM drivers see guest memory from guest
    /// address 0; the in-process driver runs the code where the host mapped it.
    /// </summary>
    GuestAddressing Addressing { get; }

    /// <summary>
    /// Whether the CPU honours EFER.NXE, so data pages can be mapped no-execute. Unicorn 2.0.1 drops
    /// NXE (and SCE) from EFER writes, after which bit 63 of a page-table entry is a reserved bit
    /// and every access to such a page faults; the engine then lays the guest out without NX.
    /// </summary>
    bool SupportsNoExecute => true;

    /// <summary>
    /// True when drivers can be created here (device present and usable, library loadable). Cheap
    /// after the first call; never throws. <paramref name="reason"/> says what is missing otherwise.
    /// </summary>
    bool IsAvailable(out string reason);

    /// <summary>
    /// Creates a vCPU over <paramref name="memory"/> (laid out and loaded by the engine, page tables
    /// written) with the fixed CPU state of <see cref="GuestCpuState"/>. <paramref name="hostCalls"/>
    /// is for drivers that run host calls synchronously inside <see cref="IVmDriver.Run"/> (in-process);
    /// VM drivers report host calls as <see cref="VmExitKind.IoOut"/> exits and ignore it.
    /// </summary>
    IVmDriver Create(GuestMemory memory, IHostCallHandler hostCalls);
}
