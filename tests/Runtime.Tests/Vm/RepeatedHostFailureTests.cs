using Hyperlight.Tests.Vm.Guests;
using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

public sealed class RepeatedHostFailureTests
{
    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Many_failed_host_calls_in_a_row_leave_the_sandbox_usable(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);
        ITestGuest guest = sandbox.Guest<ITestGuest>();

        for (int i = 0; i < 200; i++)
        {
            var error = Assert.Throws<HostFunctionException>(guest.CallExplode);
            Assert.Equal("boom", error.InnerException!.Message);
            Assert.Equal(i + 1, guest.Add(i, 1));
        }
    }
}
