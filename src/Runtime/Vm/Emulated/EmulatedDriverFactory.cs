using System.Runtime.InteropServices;
using Hyperlight.Vm.Drivers;

namespace Hyperlight.Vm.Emulated;

/// <summary>Unicorn-backed drivers; available when <c>libunicorn.so.2</c> loads.</summary>
internal sealed class EmulatedDriverFactory : IVmDriverFactory
{
    private static readonly Lazy<string?> MissingReason = new(Probe);

    public static EmulatedDriverFactory Instance { get; } = new();

    public string Name => "emulated";

    public VmBoundary Boundary => VmBoundary.Emulated;

    public GuestAddressing Addressing => GuestAddressing.VirtualMachine;

    public bool IsAvailable(out string reason)
    {
        reason = MissingReason.Value ?? "";
        return MissingReason.Value is null;
    }

    public IVmDriver Create(GuestMemory memory, IHostCallHandler hostCalls) => new EmulatedDriver(memory, hostCalls);

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return "The emulated driver runs on Linux x86-64 only.";
        if (!NativeLibrary.TryLoad(Unicorn.Library, typeof(EmulatedDriverFactory).Assembly, null, out nint library))
            return $"{Unicorn.Library} cannot be loaded: install libunicorn2 (apt-get install libunicorn2).";
        NativeLibrary.Free(library);
        return null;
    }
}
