using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

[GuestFunction]
public partial interface IAdder
{
    int Add(int a, int b);
}

/// <summary>The default path: a Wasm module compiled by Hyperlight.Wasm and run by the micro-VM engines.</summary>
public sealed class WasmEndToEndTests
{
    /// <summary>(module (func (export "Add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)).</summary>
    private static readonly byte[] AdderModule =
    [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F,
        0x03, 0x02, 0x01, 0x00,
        0x07, 0x07, 0x01, 0x03, (byte)'A', (byte)'d', (byte)'d', 0x00, 0x00,
        0x0A, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B,
    ];

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_compiled_module_runs_on_every_driver(MicroVmDriver driver)
    {
        var factory = new MicroVmEngineFactory(driver);
        Skip.IfNot(factory.IsAvailable(out string reason), reason);
        using Sandbox sandbox = new SandboxBuilder().WithWasmModule(AdderModule).WithEngine(factory).WithGuestFunctions<IAdder>().Build();

        Assert.Equal(42, sandbox.Guest<IAdder>().Add(40, 2));
    }

    [Fact]
    public void Without_an_engine_the_strongest_available_micro_vm_is_chosen()
    {
        string expected = new MicroVmEngineFactory(MicroVmDriver.Kvm).IsAvailable(out _) ? "kvm"
            : new MicroVmEngineFactory(MicroVmDriver.Emulated).IsAvailable(out _) ? "emulated"
            : "in-process";

        using Sandbox sandbox = new SandboxBuilder().WithWasmModule(AdderModule).Build();

        Assert.Equal(expected, sandbox.Engine.Name);
        Assert.Equal(-1, sandbox.Guest<IAdder>().Add(1, -2));
    }

    [SkippableFact]
    public void Requiring_hardware_isolation_without_kvm_fails_clearly()
    {
        Skip.If(new MicroVmEngineFactory(MicroVmDriver.Kvm).IsAvailable(out _), "KVM is available here.");

        var error = Assert.Throws<IsolationUnavailableException>(
            new SandboxBuilder().WithWasmModule(AdderModule).RequireVmBoundary(VmBoundary.Hardware).Build);

        Assert.Contains("/dev/kvm", error.Message, StringComparison.Ordinal);
    }
}
