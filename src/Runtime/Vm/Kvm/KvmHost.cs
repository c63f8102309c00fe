using System.Runtime.InteropServices;
using Hyperlight.Vm.Kvm.Abi;
using Hyperlight.Vm.Kvm.Ioctls;
using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Vm.Kvm;

/// <summary>
/// This process's view of <c>/dev/kvm</c>, probed once: the open system fd and the facts every VM
/// creation needs (vCPU mmap size, supported CPUID, optional capabilities). When the probe fails,
/// <see cref="UnavailableReason"/> says why in a sentence fit for a test skip or a log line.
/// </summary>
internal sealed class KvmHost
{
    private static readonly Lazy<(KvmHost? Host, string Reason)> _probed = new(Probe);

    private KvmHost(KvmSystem system, int vcpuMmapSize, KvmCpuidEntry2[] supportedCpuid, bool supportsReadOnlyMemory)
    {
        System = system;
        VcpuMmapSize = vcpuMmapSize;
        SupportedCpuid = supportedCpuid;
        SupportsReadOnlyMemory = supportsReadOnlyMemory;
    }

    /// <summary>True when <c>/dev/kvm</c> opens read-write, reports API version 12 and has what the driver needs.</summary>
    public static bool IsAvailable => _probed.Value.Host is not null;

    /// <summary>Why KVM cannot be used here; empty when it can.</summary>
    public static string UnavailableReason => _probed.Value.Reason;

    /// <summary>The probed host; throws <see cref="IsolationUnavailableException"/> with the reason when there is none.</summary>
    public static KvmHost Instance => _probed.Value.Host ?? throw new IsolationUnavailableException($"KVM is not usable: {UnavailableReason}");

    public KvmSystem System { get; }

    public int VcpuMmapSize { get; }

    /// <summary>What <c>KVM_GET_SUPPORTED_CPUID</c> returned; every vCPU gets exactly this.</summary>
    public KvmCpuidEntry2[] SupportedCpuid { get; }

    /// <summary><see cref="KvmCapability.ReadonlyMem"/>: code can sit in a read-only memory slot.</summary>
    public bool SupportsReadOnlyMemory { get; }

    /// <summary>The sentence for a failed <c>open("/dev/kvm", O_RDWR)</c>.</summary>
    internal static string DescribeOpenFailure(int errno) => errno switch
    {
        LibC.ENOENT => $"{KvmSystem.DevicePath} not present: this host offers no KVM (it needs VT-x/AMD-V with the kvm module, nested virtualization, or PVM).",
        LibC.EACCES or LibC.EPERM => $"{KvmSystem.DevicePath} exists but this user cannot open it read-write ({LibC.DescribeErrno(errno)}); add the user to the group that owns it (usually kvm).",
        LibC.ENXIO or LibC.ENODEV => $"{KvmSystem.DevicePath} exists but no KVM module backs it ({LibC.DescribeErrno(errno)}); load kvm_intel, kvm_amd or kvm_pvm.",
        _ => $"{KvmSystem.DevicePath} cannot be opened read-write: {LibC.DescribeErrno(errno)}.",
    };

    /// <summary>The sentence for an API version other than 12, or null when it is 12.</summary>
    internal static string? DescribeApiVersion(int version) => version == KvmIoctl.ExpectedApiVersion
        ? null
        : $"{KvmSystem.DevicePath} reports KVM API version {version}; this driver speaks version {KvmIoctl.ExpectedApiVersion}.";

    private static (KvmHost?, string) Probe()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return (null, $"KVM needs a 64-bit x86-64 Linux process; this is {RuntimeInformation.RuntimeIdentifier}.");
        if (!KvmSystem.TryOpen(out KvmSystem? system, out int errno))
            return (null, DescribeOpenFailure(errno));
        try
        {
            string? versionProblem = DescribeApiVersion(system!.GetApiVersion());
            if (versionProblem is not null)
                return Fail(system, versionProblem);
            if (system.CheckExtension(KvmCapability.ImmediateExit) <= 0)
                return Fail(system, "KVM on this host lacks KVM_CAP_IMMEDIATE_EXIT (Linux 4.11+), which stopping a running guest on time needs.");
            var host = new KvmHost(system, system.GetVcpuMmapSize(), system.GetSupportedCpuid(), system.CheckExtension(KvmCapability.ReadonlyMem) > 0);
            return (host, "");
        }
        catch (KvmException e)
        {
            return Fail(system!, e.Message);
        }
    }

    private static (KvmHost?, string) Fail(KvmSystem system, string reason)
    {
        system.Dispose();
        return (null, reason);
    }
}
