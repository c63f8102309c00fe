using Hyperlight.Vm;
using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Emulated;
using Hyperlight.Vm.Kvm;

namespace Hyperlight.Cli.SelfTest;

/// <summary>
/// The driver the self-test runs on: KVM (its purpose), or the emulator, which runs the same checks
/// and figures so the self-test itself can be exercised on a machine without /dev/kvm.
/// </summary>
internal sealed class SelfTestTarget
{
    private SelfTestTarget(MicroVmDriver driver, IVmDriverFactory drivers)
    {
        Drivers = drivers;
        Engines = new MicroVmEngineFactory(driver, SelfTestGuest.Image);
    }

    public static SelfTestTarget Kvm { get; } = new(MicroVmDriver.Kvm, KvmDriverFactory.Instance);

    public static SelfTestTarget Emulated { get; } = new(MicroVmDriver.Emulated, EmulatedDriverFactory.Instance);

    /// <summary>Short name: <c>kvm</c> or <c>emulated</c>.</summary>
    public string Name => Drivers.Name;

    /// <summary>Raw drivers, for the exit baseline below any engine.</summary>
    public IVmDriverFactory Drivers { get; }

    /// <summary>Engines over <see cref="SelfTestGuest"/>, for sandboxes.</summary>
    public MicroVmEngineFactory Engines { get; }

    public static SelfTestTarget? Parse(string name) => name switch
    {
        "kvm" => Kvm,
        "emulated" => Emulated,
        _ => null,
    };
}
