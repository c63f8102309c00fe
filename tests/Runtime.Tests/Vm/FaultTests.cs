using Hyperlight.Tests.Vm.Guests;
using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

/// <summary>CPU faults are contained by the VM boundary: never run in-process.</summary>
public sealed class FaultTests
{
    public static TheoryData<MicroVmDriver, string, int?, string> Faults()
    {
        var data = new TheoryData<MicroVmDriver, string, int?, string>();
        foreach (MicroVmDriver driver in VmDrivers.Isolated)
        {
            data.Add(driver, nameof(IFaultingGuest.TouchLinearMemoryGuard), 14, "mov al,[rax]");
            data.Add(driver, nameof(IFaultingGuest.TouchStackGuard), 14, "mov rax,[rax]");
            data.Add(driver, nameof(IFaultingGuest.ReadPageTables), 14, "mov rax,[rax]");
            data.Add(driver, nameof(IFaultingGuest.WriteCode), 14, "mov byte [rax],90h");
            data.Add(driver, nameof(IFaultingGuest.InvalidOpcode), 6, "ud2");
            data.Add(driver, nameof(IFaultingGuest.HardwareDivideByZero), 0, "div ecx");
            data.Add(driver, nameof(IFaultingGuest.OutToUnknownPort), null, "out 80h,al");
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Faults))]
    public void A_fault_is_a_crash_report_and_the_sandbox_is_restored(MicroVmDriver driver, string export, int? vector, string instruction)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);
        ITestGuest healthy = sandbox.Guest<ITestGuest>();
        healthy.BumpGlobal();

        var crash = Assert.Throws<GuestCrashException>(() => Run(sandbox.Guest<IFaultingGuest>(), export));

        Assert.Equal(vector, crash.Vector);
        Assert.NotEqual(0UL, crash.Rip);
        Assert.Contains("rip", crash.Registers, StringComparison.Ordinal);
        Assert.Contains(instruction, crash.Disassembly, StringComparison.Ordinal);
        Assert.Contains($"{crash.Rip:x}", crash.Message, StringComparison.Ordinal);
        Assert.Equal((int)TestGuest.GlobalAfterInitialization, healthy.ReadGlobal());
        Assert.Equal(10, healthy.Add(7, 3));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.Isolated), MemberType = typeof(VmDrivers))]
    public void A_crash_names_the_region_of_the_faulting_instruction(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);

        var crash = Assert.Throws<GuestCrashException>(sandbox.Guest<IFaultingGuest>().TouchLinearMemoryGuard);

        Assert.Contains("#PF page fault", crash.Message, StringComparison.Ordinal);
        Assert.Contains("(code + 0x", crash.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.Isolated), MemberType = typeof(VmDrivers))]
    public void Data_is_not_executable_where_the_cpu_supports_no_execute(MicroVmDriver driver)
    {
        Skip.If(driver == MicroVmDriver.Emulated, "Unicorn 2.0.1 ignores EFER.NXE, so the emulated driver maps data executable.");
        using Sandbox sandbox = TestSandboxes.Create(driver);

        var crash = Assert.Throws<GuestCrashException>(sandbox.Guest<IFaultingGuest>().ExecuteLinearMemory);

        Assert.Equal(14, crash.Vector);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.Isolated), MemberType = typeof(VmDrivers))]
    public void Halting_is_a_crash_not_a_return(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);

        var crash = Assert.Throws<GuestCrashException>(sandbox.Guest<IFaultingGuest>().Halt);

        Assert.Contains("crashed", crash.Message, StringComparison.Ordinal);
        Assert.Equal(5, sandbox.Guest<ITestGuest>().Add(2, 3));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.Isolated), MemberType = typeof(VmDrivers))]
    public void Repeated_crashes_leave_the_vcpu_usable(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);

        for (int i = 0; i < 20; i++)
        {
            Assert.Throws<GuestCrashException>(sandbox.Guest<IFaultingGuest>().InvalidOpcode);
            Assert.Equal(i * 2, sandbox.Guest<ITestGuest>().Add(i, i));
        }
    }

    private static void Run(IFaultingGuest guest, string export)
    {
        switch (export)
        {
            case nameof(IFaultingGuest.TouchLinearMemoryGuard): guest.TouchLinearMemoryGuard(); break;
            case nameof(IFaultingGuest.TouchStackGuard): guest.TouchStackGuard(); break;
            case nameof(IFaultingGuest.ReadPageTables): guest.ReadPageTables(); break;
            case nameof(IFaultingGuest.WriteCode): guest.WriteCode(); break;
            case nameof(IFaultingGuest.ExecuteLinearMemory): guest.ExecuteLinearMemory(); break;
            case nameof(IFaultingGuest.InvalidOpcode): guest.InvalidOpcode(); break;
            case nameof(IFaultingGuest.HardwareDivideByZero): guest.HardwareDivideByZero(); break;
            case nameof(IFaultingGuest.OutToUnknownPort): guest.OutToUnknownPort(); break;
            default: throw new ArgumentOutOfRangeException(nameof(export), export, null);
        }
    }
}
