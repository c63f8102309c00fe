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

    /// <summary>Unicorn 2.0.1 keeps EFER.NXE clear whatever is written (measured: EFER reads back 0x500 after writing 0xD01).</summary>
    public bool SupportsNoExecute => false;

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
