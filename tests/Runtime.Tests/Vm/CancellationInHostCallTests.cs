using Hyperlight.Tests.Vm.Guests;
using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

/// <summary>Cancellation requested while the guest waits on a host function (issue: the call fails once the host function returns, and no more guest code runs).</summary>
public sealed partial class CancellationInHostCallTests
{
    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Cancelling_inside_a_host_function_fails_the_call_without_running_more_guest_code(MicroVmDriver driver)
    {
        using var cancellation = new CancellationTokenSource();
        var host = new CancellingHost(cancellation);
        using Sandbox sandbox = TestSandboxes.Create(driver, host, o => o.CallTimeout = Timeout.InfiniteTimeSpan);
        var caller = sandbox.Guest<ICancellableHostCaller>();

        var error = Assert.ThrowsAny<OperationCanceledException>(() => caller.CallHost(5, cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
        // The guest asked for five host calls; it must not have made a second one after the cancel.
        Assert.Single(host.Calls);
        Assert.Equal(3, sandbox.Guest<ITestGuest>().Add(1, 2));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_host_function_that_outlasts_the_timeout_fails_the_call_as_a_timeout(MicroVmDriver driver)
    {
        var host = new SlowHost(TimeSpan.FromMilliseconds(300));
        using Sandbox sandbox = TestSandboxes.Create(driver, host, o => o.CallTimeout = TimeSpan.FromMilliseconds(50));

        Assert.Throws<GuestTimeoutException>(() => sandbox.Guest<ITestGuest>().CallHost(5));

        Assert.Equal(1, host.Calls);
        Assert.Equal(3, sandbox.Guest<ITestGuest>().Add(1, 2));
    }

    /// <summary>The test guest's CallHost export, called with a token.</summary>
    public partial interface ICancellableHostCaller
    {
        [GuestFunction("CallHost")]
        long CallHost(int times, CancellationToken cancellationToken);
    }

    /// <summary>Cancels the caller's token from inside the first host call, as a request arriving mid-call would.</summary>
    private sealed class CancellingHost(CancellationTokenSource cancellation) : ITestHost
    {
        public List<int> Calls { get; } = [];

        public long Accumulate(int value)
        {
            Calls.Add(value);
            cancellation.Cancel();
            return value;
        }

        public void Log(string message) { }

        public string GetName() => "host";

        public void Explode() { }
    }

    /// <summary>A host function slower than the call's time limit.</summary>
    private sealed class SlowHost(TimeSpan delay) : ITestHost
    {
        public int Calls { get; private set; }

        public long Accumulate(int value)
        {
            Calls++;
            Thread.Sleep(delay);
            return value;
        }

        public void Log(string message) { }

        public string GetName() => "host";

        public void Explode() { }
    }
}
