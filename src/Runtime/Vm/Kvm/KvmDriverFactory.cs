using Hyperlight.Vm.Drivers;

namespace Hyperlight.Vm.Kvm;

/// <summary>Makes <see cref="KvmDriver"/>s: hardware isolation, guest memory at guest-physical 0.</summary>
internal sealed class KvmDriverFactory : IVmDriverFactory
{
    public static KvmDriverFactory Instance { get; } = new();

    public string Name => "kvm";

    public VmBoundary Boundary => VmBoundary.Hardware;

    public GuestAddressing Addressing => GuestAddressing.VirtualMachine;

    public bool IsAvailable(out string reason)
    {
        reason = KvmDriver.UnavailableReason;
        return KvmDriver.IsAvailable;
    }

    /// <summary>Host calls arrive as <see cref="VmExitKind.IoOut"/> exits, so <paramref name="hostCalls"/> is not needed.</summary>
    public IVmDriver Create(GuestMemory memory, IHostCallHandler hostCalls) => KvmDriver.Create(memory);
}
