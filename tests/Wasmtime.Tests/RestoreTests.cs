using Hyperlight.Wasmtime.Tests.Bindings;

namespace Hyperlight.Wasmtime.Tests;

/// <summary>Restoring a Wasmtime sandbox: a fresh instance, the same proxies, the state of a new build.</summary>
public sealed class RestoreTests
{
    [Fact]
    public void RestoreForgetsWhatCallsChanged()
    {
        using Sandbox sandbox = TestGuest.Build();
        IData guest = sandbox.Guest<IData>();
        guest.Echo("one");
        guest.Echo("two");
        Assert.Equal(2, guest.PostReturnCount());

        Assert.True(sandbox.CanRestore);
        sandbox.Restore();

        Assert.Equal(0, guest.PostReturnCount());
        Assert.Equal("after restore", guest.Echo("after restore"));
        Assert.Equal(1, guest.PostReturnCount());
    }

    [Fact]
    public void RestoredSandboxKeepsItsHostFunctionsAndLimits()
    {
        var host = new RecordingHost();
        using Sandbox sandbox = TestGuest.Build(host, o => o.MemoryLimitBytes = 2 * 65536);
        sandbox.Guest<IFaults>().Grow(1);
        sandbox.Restore();

        Assert.Equal(1, sandbox.Guest<IFaults>().Grow(1)); // back to one page, and the limit still holds
        Assert.Equal(-1, sandbox.Guest<IFaults>().Grow(1));
        Assert.Equal("ABC", sandbox.Guest<IHostCalls>().ViaUpper("abc"));
        Assert.Equal("abc", host.LastArgument);
    }

    [Fact]
    public void SandboxIsUsableAfterATrapAndARestore()
    {
        using Sandbox sandbox = TestGuest.Build();
        Assert.Throws<GuestTrapException>(() => sandbox.Guest<IFaults>().Unreachable());
        sandbox.Restore();
        Assert.Equal(4, sandbox.Guest<IFaults>().Echo(4));
    }

    [Fact]
    public void PoolHandsOutRestoredSandboxes()
    {
        using var pool = new SandboxPool(TestGuest.Builder(), capacity: 1);
        using (SandboxLease lease = pool.Rent())
        {
            lease.Guest<IData>().Echo("dirty");
            Assert.Equal(1, lease.Guest<IData>().PostReturnCount());
        }
        using (SandboxLease lease = pool.Rent())
            Assert.Equal(0, lease.Guest<IData>().PostReturnCount());
        Assert.Equal(1, pool.Created);
    }
}
