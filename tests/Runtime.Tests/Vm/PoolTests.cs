using Hyperlight.Tests.Vm.Guests;
using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

public sealed class PoolTests
{
    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_returned_sandbox_is_restored_before_the_next_rent(MicroVmDriver driver)
    {
        using var pool = new SandboxPool(TestSandboxes.Builder(driver), capacity: 1, warm: 1);

        using (SandboxLease lease = pool.Rent())
        {
            ITestGuest guest = lease.Guest<ITestGuest>();
            guest.BumpGlobal();
            guest.BumpGlobal();
            Assert.Equal((int)TestGuest.GlobalAfterInitialization + 2, guest.ReadGlobal());
        }

        using (SandboxLease again = pool.Rent())
            Assert.Equal((int)TestGuest.GlobalAfterInitialization, again.Guest<ITestGuest>().ReadGlobal());
        Assert.Equal(1, pool.Created);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void The_pool_grows_to_its_capacity_and_then_waits(MicroVmDriver driver)
    {
        using var pool = new SandboxPool(TestSandboxes.Builder(driver), capacity: 2);
        using SandboxLease first = pool.Rent();
        using SandboxLease second = pool.Rent();

        Assert.Equal(2, pool.Created);
        Assert.Throws<TimeoutException>(() => pool.Rent(TimeSpan.FromMilliseconds(20)));

        second.Dispose();
        using SandboxLease third = pool.Rent(TimeSpan.FromSeconds(5));
        Assert.Equal(2, pool.Created);
        Assert.Equal(5, third.Guest<ITestGuest>().Add(2, 3));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_sandbox_whose_call_trapped_comes_back_clean(MicroVmDriver driver)
    {
        using var pool = new SandboxPool(TestSandboxes.Builder(driver), capacity: 1);
        using (SandboxLease lease = pool.Rent())
        {
            lease.Guest<ITestGuest>().BumpGlobal();
            Assert.Throws<GuestTrapException>(() => lease.Guest<ITestGuest>().Divide(1, 0));
        }

        using SandboxLease again = pool.Rent();
        Assert.Equal((int)TestGuest.GlobalAfterInitialization, again.Guest<ITestGuest>().ReadGlobal());
    }

    [Fact]
    public void Bad_pool_sizes_are_refused()
    {
        var builder = new SandboxBuilder();

        Assert.Throws<ArgumentOutOfRangeException>(() => new SandboxPool(builder, capacity: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SandboxPool(builder, capacity: 1, warm: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SandboxPool(builder, capacity: 1, warm: -1));
    }
}
