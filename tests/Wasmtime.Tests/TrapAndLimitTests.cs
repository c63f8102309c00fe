using Hyperlight.Wasmtime.Tests.Bindings;

namespace Hyperlight.Wasmtime.Tests;

/// <summary>Traps, runaway guests and resource limits: each a specific exception, and the sandbox stays usable.</summary>
public sealed class TrapAndLimitTests
{
    [Fact]
    public void Unreachable()
    {
        using Sandbox sandbox = TestGuest.Build();
        var trap = Assert.Throws<GuestTrapException>(() => sandbox.Guest<IFaults>().Unreachable());
        Assert.Equal(TrapKind.Unreachable, trap.Kind);
        Assert.Equal("trap_unreachable", trap.FunctionName);
        Assert.Contains("wasm trap: wasm `unreachable` instruction executed", trap.Message);
        Assert.Equal(5, sandbox.Guest<IFaults>().Echo(5));
    }

    [Fact]
    public void DivideByZeroAndOverflow()
    {
        using Sandbox sandbox = TestGuest.Build();
        IFaults guest = sandbox.Guest<IFaults>();
        Assert.Equal(TrapKind.IntegerDivideByZero, Assert.Throws<GuestTrapException>(() => guest.Divide(1, 0)).Kind);
        Assert.Equal(TrapKind.IntegerOverflow, Assert.Throws<GuestTrapException>(() => guest.Divide(int.MinValue, -1)).Kind);
        Assert.Equal(-3, guest.Divide(7, -2));
    }

    [Fact]
    public void OutOfBoundsLoad()
    {
        using Sandbox sandbox = TestGuest.Build();
        var trap = Assert.Throws<GuestTrapException>(() => sandbox.Guest<IFaults>().Load(-1));
        Assert.Equal(TrapKind.MemoryOutOfBounds, trap.Kind);
        Assert.NotNull(trap.CodeOffset);
        Assert.EndsWith(": wasm trap: out of bounds memory access", trap.Message);
    }

    [Fact]
    public void UnboundedRecursion()
    {
        using Sandbox sandbox = TestGuest.Build();
        Assert.Equal(TrapKind.CallStackExhausted, Assert.Throws<GuestTrapException>(() => sandbox.Guest<IFaults>().Recurse(0)).Kind);
        Assert.Equal(1, sandbox.Guest<IFaults>().Echo(1));
    }

    [Fact]
    public void InfiniteLoopTimesOut()
    {
        using Sandbox sandbox = TestGuest.Build(configure: o => o.CallTimeout = TimeSpan.FromMilliseconds(100));
        var error = Assert.Throws<GuestTimeoutException>(() => sandbox.Guest<IFaults>().Spin());
        Assert.Contains("spin", error.Message);
        Assert.Contains("CallTimeout", error.Message);
        Assert.Equal(9, sandbox.Guest<IFaults>().Echo(9));
    }

    [Fact]
    public void CancellationTokenStopsTheGuest()
    {
        using Sandbox sandbox = TestGuest.Build(configure: o => o.CallTimeout = Timeout.InfiniteTimeSpan);
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(50);
        var error = Assert.ThrowsAny<OperationCanceledException>(() => sandbox.Guest<IFaults>().SpinUntilCancelled(cancellation.Token));
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(3, sandbox.Guest<IFaults>().Echo(3));
    }

    [Fact]
    public void AlreadyCancelledTokenDoesNotEnterTheGuest()
    {
        var host = new RecordingHost();
        using Sandbox sandbox = TestGuest.Build(host);
        Assert.ThrowsAny<OperationCanceledException>(() => sandbox.Guest<IHostCalls>().SumSquares(5, new CancellationToken(canceled: true)));
        Assert.Equal(0, host.Squares);
    }

    [Fact]
    public void MemoryCannotGrowPastTheLimit()
    {
        using Sandbox sandbox = TestGuest.Build(configure: o => o.MemoryLimitBytes = 4 * 65536);
        IFaults guest = sandbox.Guest<IFaults>();
        Assert.Equal(1, guest.Grow(2)); // 1 → 3 pages: the old size comes back
        Assert.Equal(-1, guest.Grow(2)); // 5 pages would pass the 4-page limit
        Assert.Equal(3, guest.Grow(1));
    }

    [Fact]
    public void ModuleWhoseInitialMemoryExceedsTheLimitIsRefused()
    {
        var error = Assert.Throws<SandboxConfigurationException>(() => new SandboxBuilder()
            .WithWasmText("(module (memory 10))")
            .Configure(o => o.MemoryLimitBytes = 65536)
            .UseWasmtime()
            .Build());
        Assert.Contains("instantiate", error.Message);
    }

    [Fact]
    public void TrapInTheStartFunctionFailsTheBuild()
    {
        var trap = Assert.Throws<GuestTrapException>(() =>
            new SandboxBuilder().WithWasmText("(module (func $boot unreachable) (start $boot))").UseWasmtime().Build());
        Assert.Equal(TrapKind.Unreachable, trap.Kind);
        Assert.Equal("boot", trap.FunctionName);
    }
}
