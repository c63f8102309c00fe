using Hyperlight.Tests.Vm.Guests;
using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

/// <summary>A guest that writes garbage into the frame or control page gets a protocol error, never a host read outside its memory.</summary>
public sealed class ProtocolTests
{
    public static TheoryData<MicroVmDriver, string> Breakers()
    {
        var data = new TheoryData<MicroVmDriver, string>();
        foreach (MicroVmDriver driver in VmDrivers.All)
        {
            foreach (string breaker in new[] { nameof(IMisbehavingGuest.LogBadPointer), nameof(IMisbehavingGuest.LogWithWrongSlotCount), nameof(IMisbehavingGuest.GarbageStatus), nameof(IMisbehavingGuest.GarbageResult), nameof(IMisbehavingGuest.GarbageTrapKind), nameof(IMisbehavingGuest.GarbageLinearMemorySize), nameof(IMisbehavingGuest.UnknownHostFunction) })
                data.Add(driver, breaker);
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Breakers))]
    public void Garbage_from_the_guest_is_a_protocol_error_and_the_sandbox_stays_usable(MicroVmDriver driver, string breaker)
    {
        var host = new RecordingHost();
        using Sandbox sandbox = TestSandboxes.Create(driver, host);
        IMisbehavingGuest guest = sandbox.Guest<IMisbehavingGuest>();
        Action call = breaker switch
        {
            nameof(IMisbehavingGuest.LogBadPointer) => guest.LogBadPointer,
            nameof(IMisbehavingGuest.LogWithWrongSlotCount) => guest.LogWithWrongSlotCount,
            nameof(IMisbehavingGuest.GarbageStatus) => guest.GarbageStatus,
            nameof(IMisbehavingGuest.GarbageResult) => () => guest.GarbageResult(),
            nameof(IMisbehavingGuest.GarbageTrapKind) => guest.GarbageTrapKind,
            nameof(IMisbehavingGuest.GarbageLinearMemorySize) => guest.GarbageLinearMemorySize,
            _ => guest.UnknownHostFunction,
        };

        var error = Assert.Throws<GuestProtocolException>(call);

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Empty(host.Logged);
        ITestGuest healthy = sandbox.Guest<ITestGuest>();
        Assert.Equal(9, healthy.Add(4, 5));
        healthy.LogHello();
        Assert.Equal(["hello"], host.Logged);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Error_messages_say_what_was_wrong(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);
        IMisbehavingGuest guest = sandbox.Guest<IMisbehavingGuest>();

        Assert.Contains("0xfffffff0", Assert.Throws<GuestProtocolException>(guest.LogBadPointer).Message, StringComparison.Ordinal);
        Assert.Contains("unknown kind 999", Assert.Throws<GuestProtocolException>(guest.GarbageTrapKind).Message, StringComparison.Ordinal);
        Assert.Contains("index 77", Assert.Throws<GuestProtocolException>(guest.UnknownHostFunction).Message, StringComparison.Ordinal);
        Assert.Contains("status 57005", Assert.Throws<GuestProtocolException>(guest.GarbageStatus).Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_scribbled_control_page_is_repaired_before_the_next_call(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);

        sandbox.Guest<IMisbehavingGuest>().ScribbleControlPage();

        ITestGuest guest = sandbox.Guest<ITestGuest>();
        Assert.Equal(11, guest.Add(5, 6));
        Assert.Equal("still fine", guest.Echo("still fine"));
    }
}
