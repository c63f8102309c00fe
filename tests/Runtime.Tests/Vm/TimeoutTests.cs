using Hyperlight.Tests.Vm.Guests;
using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

public sealed class TimeoutTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(100);

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_polling_guest_that_runs_past_the_timeout_is_stopped(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver, configure: o => o.CallTimeout = ShortTimeout);
        ITestGuest guest = sandbox.Guest<ITestGuest>();

        var error = Assert.Throws<GuestTimeoutException>(() => guest.Spin(CancellationToken.None));

        Assert.Contains("CallTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, guest.Add(1, 1));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Cancelling_the_token_stops_the_guest(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver, configure: o => o.CallTimeout = Timeout.InfiniteTimeSpan);
        ITestGuest guest = sandbox.Guest<ITestGuest>();
        using var cancellation = new CancellationTokenSource(ShortTimeout);

        var error = Assert.ThrowsAny<OperationCanceledException>(() => guest.Spin(cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(4, guest.Add(2, 2));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void An_already_cancelled_token_does_not_enter_the_guest(MicroVmDriver driver)
    {
        var host = new RecordingHost();
        using Sandbox sandbox = TestSandboxes.Create(driver, host);

        Assert.ThrowsAny<OperationCanceledException>(() => sandbox.Guest<ITestGuest>().Spin(new CancellationToken(canceled: true)));
        Assert.Equal((int)TestGuest.GlobalAfterInitialization, sandbox.Guest<ITestGuest>().ReadGlobal());
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Calls_that_finish_in_time_are_not_disturbed_by_earlier_timeouts(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver, configure: o => o.CallTimeout = ShortTimeout);
        ITestGuest guest = sandbox.Guest<ITestGuest>();
        Assert.Throws<GuestTimeoutException>(() => guest.Spin(CancellationToken.None));

        // Any interrupt left over from the stopped call would fail these.
        for (int i = 0; i < 2000; i++)
            Assert.Equal(i, guest.Add(i, 0));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.Isolated), MemberType = typeof(VmDrivers))]
    public void A_guest_that_never_polls_is_stopped_by_the_driver(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver, configure: o => o.CallTimeout = ShortTimeout);

        Assert.Throws<GuestTimeoutException>(() => sandbox.Guest<IFaultingGuest>().SpinWithoutPolling(CancellationToken.None));
        Assert.Equal(6, sandbox.Guest<ITestGuest>().Add(3, 3));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.Isolated), MemberType = typeof(VmDrivers))]
    public void A_guest_that_never_polls_is_stopped_by_cancellation(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver, configure: o => o.CallTimeout = Timeout.InfiniteTimeSpan);
        using var cancellation = new CancellationTokenSource(ShortTimeout);

        Assert.ThrowsAny<OperationCanceledException>(() => sandbox.Guest<IFaultingGuest>().SpinWithoutPolling(cancellation.Token));
        Assert.Equal(8, sandbox.Guest<ITestGuest>().Add(4, 4));
    }
}
