using Hyperlight.Engines;
using Hyperlight.Tests.Vm.Guests;
using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

/// <summary>Counts the process's fds and mappings, so it must not run beside other tests.</summary>
[CollectionDefinition(nameof(NativeResourceCounting), DisableParallelization = true)]
public sealed class NativeResourceCounting;

[Collection(nameof(NativeResourceCounting))]
public sealed class LifecycleTests
{
    /// <summary>Slack for lazily opened runtime files and mappings (JIT, GC heap growth, thread stacks); a per-sandbox leak shows as hundreds.</summary>
    private const int Slack = 40;

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_thousand_sandboxes_leave_no_fds_or_mappings_behind(MicroVmDriver driver)
    {
        WarmUp(driver);
        (int fds, int maps) before = Count();

        for (int i = 0; i < 1000; i++)
        {
            using Sandbox sandbox = TestSandboxes.Create(driver);
            Assert.Equal(i + 1, sandbox.Guest<ITestGuest>().Add(i, 1));
        }

        (int fds, int maps) after = Count();
        Assert.InRange(after.fds, 0, before.fds + Slack);
        Assert.InRange(after.maps, 0, before.maps + Slack);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Engines_that_are_never_disposed_are_released_by_finalizers(MicroVmDriver driver)
    {
        WarmUp(driver);
        (int fds, int maps) before = Count();

        CreateAndDrop(TestSandboxes.Factory(driver), 200);
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        (int fds, int maps) after = Count();
        Assert.InRange(after.fds, 0, before.fds + Slack);
        Assert.InRange(after.maps, 0, before.maps + Slack);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_disposed_sandbox_refuses_calls_and_may_be_disposed_again(MicroVmDriver driver)
    {
        Sandbox sandbox = TestSandboxes.Create(driver);
        ITestGuest guest = sandbox.Guest<ITestGuest>();

        sandbox.Dispose();
        sandbox.Dispose();

        Assert.Throws<ObjectDisposedException>(() => guest.Add(1, 2));
    }

    private static void CreateAndDrop(MicroVmEngineFactory factory, int count)
    {
        var setup = new SandboxSetup(ReadOnlyMemory<byte>.Empty, [Bindings.HostBinding<ITestHost>(new RecordingHost())], new SandboxOptions());
        for (int i = 0; i < count; i++)
        {
            ISandboxEngine engine = factory.Create(setup);
            Assert.NotNull(engine.Info);
        }
    }

    private static void WarmUp(MicroVmDriver driver)
    {
        for (int i = 0; i < 3; i++)
        {
            using Sandbox sandbox = TestSandboxes.Create(driver);
            sandbox.Guest<ITestGuest>().Add(1, 1);
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <summary>
    /// Open fds and mappings, leaving out the runtime's own JIT code mappings (/memfd:doublemapper):
    /// tiered compilation re-JITs hot methods while sandboxes are created, which adds dozens of
    /// those, and a sandbox never maps that file.
    /// </summary>
    private static (int Fds, int Maps) Count() =>
        (Directory.GetFiles("/proc/self/fd").Length,
         File.ReadLines("/proc/self/maps").Count(line => !line.EndsWith("/memfd:doublemapper (deleted)", StringComparison.Ordinal)));
}
