using System.Text;
using Hyperlight.Tests.Vm.Guests;
using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

public sealed class GuestCallTests
{
    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Scalars_travel_both_ways(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);
        ITestGuest guest = sandbox.Guest<ITestGuest>();

        Assert.Equal(5, guest.Add(2, 3));
        Assert.Equal(-7, guest.Add(-10, 3));
        Assert.Equal(int.MinValue, guest.Add(int.MaxValue, 1));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Strings_and_bytes_round_trip_through_linear_memory(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);
        ITestGuest guest = sandbox.Guest<ITestGuest>();
        byte[] bytes = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))];

        Assert.Equal("héllo, wörld ✓", guest.Echo("héllo, wörld ✓"));
        Assert.Equal("", guest.Echo(""));
        Assert.Equal(bytes, guest.EchoBytes(bytes));
        Assert.Empty(guest.EchoBytes([]));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_string_larger_than_the_guest_accepts_is_a_protocol_error_and_the_sandbox_stays_usable(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);
        ITestGuest guest = sandbox.Guest<ITestGuest>();

        var error = Assert.Throws<GuestProtocolException>(() => guest.Echo(new string('x', 0x9000)));

        Assert.Contains("protocol", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, guest.Add(1, 2));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Initialization_runs_once_at_build_after_the_initial_data_is_loaded(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);
        ITestGuest guest = sandbox.Guest<ITestGuest>();

        Assert.Equal((int)TestGuest.GlobalAfterInitialization, guest.ReadGlobal());
        Assert.Equal((int)TestGuest.InitialDataWord, guest.ReadInitialData());
        Assert.Equal(43, guest.BumpGlobal());
        Assert.Equal(44, guest.BumpGlobal());
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Restore_returns_the_guest_to_its_state_after_initialization(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);
        ITestGuest guest = sandbox.Guest<ITestGuest>();
        guest.BumpGlobal();
        guest.Echo(new string('z', 1000)); // dirties linear memory and the call frame too

        sandbox.Restore();

        Assert.Equal((int)TestGuest.GlobalAfterInitialization, guest.ReadGlobal());
        Assert.Equal("after restore", guest.Echo("after restore"));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void The_engine_names_its_driver_and_boundary(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);

        (string name, VmBoundary boundary) = driver switch
        {
            MicroVmDriver.Emulated => ("emulated", VmBoundary.Emulated),
            MicroVmDriver.InProcess => ("in-process", VmBoundary.None),
            _ => ("kvm", VmBoundary.Hardware),
        };
        Assert.Equal(name, sandbox.Engine.Name);
        Assert.Equal(boundary, sandbox.Engine.Boundary);
        Assert.Contains("micro-VM", sandbox.Engine.Description, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Many_calls_in_a_row_stay_correct(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);
        ITestGuest guest = sandbox.Guest<ITestGuest>();

        for (int i = 0; i < 5000; i++)
            Assert.Equal(i * 3, guest.Add(i, i * 2));
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Sandboxes_are_independent(MicroVmDriver driver)
    {
        using Sandbox first = TestSandboxes.Create(driver);
        using Sandbox second = TestSandboxes.Create(driver);

        first.Guest<ITestGuest>().BumpGlobal();
        first.Guest<ITestGuest>().BumpGlobal();

        Assert.Equal(44, first.Guest<ITestGuest>().ReadGlobal());
        Assert.Equal(42, second.Guest<ITestGuest>().ReadGlobal());
        Assert.Equal("second", Encoding.UTF8.GetString(second.Guest<ITestGuest>().EchoBytes("second"u8.ToArray())));
    }
}
