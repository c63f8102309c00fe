using System.Runtime.InteropServices;
using Hyperlight.Vm.Drivers;

namespace Hyperlight.Vm.InProcess;

/// <summary>In-process drivers: available on Linux x86-64, no VM boundary.</summary>
internal sealed class InProcessDriverFactory : IVmDriverFactory
{
    public static InProcessDriverFactory Instance { get; } = new();

    public string Name => "in-process";

    public VmBoundary Boundary => VmBoundary.None;

    public GuestAddressing Addressing => GuestAddressing.HostProcess;

    public bool IsAvailable(out string reason)
    {
        bool available = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;
        reason = available ? "" : "The in-process driver runs x86-64 guest code on Linux x86-64 hosts only.";
        return available;
    }

    public IVmDriver Create(GuestMemory memory, IHostCallHandler hostCalls) => new InProcessDriver(memory, hostCalls);
}
