using Hyperlight.Tests.Vm.Guests;
using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

public sealed class TrapTests
{
    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void An_explicit_divide_by_zero_check_reports_a_trap_with_its_location(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);

        var trap = Assert.Throws<GuestTrapException>(() => sandbox.Guest<ITestGuest>().Divide(1, 0));

        Assert.Equal(TrapKind.IntegerDivideByZero, trap.Kind);
        Assert.Equal(7, trap.FunctionIndex);
        Assert.Equal("Divide", trap.FunctionName);
        Assert.Equal(0x2A, trap.CodeOffset);
        Assert.Contains("divide by zero", trap.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Overflow_is_its_own_trap_kind(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);

        var trap = Assert.Throws<GuestTrapException>(() => sandbox.Guest<ITestGuest>().Divide(int.MinValue, -1));

        Assert.Equal(TrapKind.IntegerOverflow, trap.Kind);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void The_sandbox_keeps_working_after_a_trap(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);
        ITestGuest guest = sandbox.Guest<ITestGuest>();

        for (int i = 0; i < 3; i++)
        {
            Assert.Throws<GuestTrapException>(() => guest.Divide(i, 0));
            Assert.Equal(i + 1, guest.Divide(i + 1, 1));
        }
    }
}
