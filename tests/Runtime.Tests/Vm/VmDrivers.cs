using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

/// <summary>
/// The drivers the micro-VM suite runs on. Adding a driver to the suite is one line here; a driver
/// this machine cannot run is skipped with the reason (e.g. no /dev/kvm).
/// </summary>
public static class VmDrivers
{
    /// <summary>Every driver: tests whose guests only use explicit checks.</summary>
    public static TheoryData<MicroVmDriver> All => new()
    {
        MicroVmDriver.Emulated,
        MicroVmDriver.InProcess,
        MicroVmDriver.Kvm,
    };

    /// <summary>Drivers with a VM boundary: tests whose guests fault or never poll (in-process they would kill the test host).</summary>
    public static TheoryData<MicroVmDriver> Isolated => new()
    {
        MicroVmDriver.Emulated,
        MicroVmDriver.Kvm,
    };
}
