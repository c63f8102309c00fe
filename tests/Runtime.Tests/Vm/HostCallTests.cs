using Hyperlight.Tests.Vm.Guests;
using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

public sealed class HostCallTests
{
    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_guest_call_can_make_many_host_calls(MicroVmDriver driver)
    {
        var host = new RecordingHost();
        using Sandbox sandbox = TestSandboxes.Create(driver, host);

        long total = sandbox.Guest<ITestGuest>().CallHost(100);

        Assert.Equal(Enumerable.Range(0, 100), host.Accumulated);
        Assert.Equal(4950, total);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Zero_host_calls_return_the_guests_own_result(MicroVmDriver driver)
    {
        var host = new RecordingHost();
        using Sandbox sandbox = TestSandboxes.Create(driver, host);

        Assert.Equal(0, sandbox.Guest<ITestGuest>().CallHost(0));
        Assert.Empty(host.Accumulated);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void String_arguments_are_lifted_from_linear_memory(MicroVmDriver driver)
    {
        var host = new RecordingHost();
        using Sandbox sandbox = TestSandboxes.Create(driver, host);

        sandbox.Guest<ITestGuest>().LogHello();

        Assert.Equal(["hello"], host.Logged);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void String_results_reach_the_guest(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver, new RecordingHost { Name = "Ada Lovelace ∑" });

        Assert.Equal("Ada Lovelace ∑", sandbox.Guest<ITestGuest>().GreetFromHost());
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_throwing_host_function_fails_the_call_with_its_exception_inside(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);
        ITestGuest guest = sandbox.Guest<ITestGuest>();

        var error = Assert.Throws<HostFunctionException>(guest.CallExplode);

        Assert.Equal("Explode", error.FunctionName);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(7, guest.Add(3, 4));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_host_failure_midway_stops_the_guest_there(MicroVmDriver driver)
    {
        var host = new RecordingHost { FailOn = 3 };
        using Sandbox sandbox = TestSandboxes.Create(driver, host);

        var error = Assert.Throws<HostFunctionException>(() => sandbox.Guest<ITestGuest>().CallHost(10));

        Assert.Contains("refusing 3", error.Message, StringComparison.Ordinal);
        Assert.Equal([0, 1, 2], host.Accumulated);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_host_function_may_call_another_sandbox(MicroVmDriver driver)
    {
        using Sandbox inner = TestSandboxes.Create(driver);
        var host = new NestingHost(inner.Guest<ITestGuest>());
        using Sandbox outer = TestSandboxes.Create(driver, host);

        Assert.Equal(10 + 11 + 12, outer.Guest<ITestGuest>().CallHost(3));
    }

    /// <summary>Answers each Accumulate by calling a guest in another sandbox.</summary>
    private sealed class NestingHost(ITestGuest other) : ITestHost
    {
        private long _total;

        public long Accumulate(int value) => _total += other.Add(value, 10);

        public void Log(string message) { }

        public string GetName() => "";

        public void Explode() { }
    }
}
