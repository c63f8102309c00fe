using Hyperlight.Vm;
using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Emulated;
using Hyperlight.Vm.Stubs;

namespace Hyperlight.Tests.Vm;

/// <summary>The emulated driver used directly, below the engine.</summary>
public sealed class EmulatedDriverTests
{
    [SkippableFact]
    public void A_layout_with_no_execute_pages_is_refused_instead_of_crashing_the_emulator()
    {
        Skip.IfNot(EmulatedDriverFactory.Instance.IsAvailable(out string reason), reason);
        OutLoopGuest guest = OutLoopGuest.Create(noExecute: true);
        using GuestMemory memory = GuestMemory.Create(guest.Layout, GuestAddressing.VirtualMachine);

        var error = Assert.Throws<ArgumentException>(() => EmulatedDriverFactory.Instance.Create(memory, new RefusingHost()));

        Assert.Contains("NoExecuteData", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void An_out_loop_exits_on_every_entry()
    {
        Skip.IfNot(EmulatedDriverFactory.Instance.IsAvailable(out string reason), reason);
        OutLoopGuest guest = OutLoopGuest.Create(noExecute: false);
        using GuestMemory memory = GuestMemory.Create(guest.Layout, GuestAddressing.VirtualMachine);
        guest.Load(memory);
        using IVmDriver driver = EmulatedDriverFactory.Instance.Create(memory, new RefusingHost());
        VmEntryState entry = guest.Entry;

        for (int round = 0; round < 500; round++)
        {
            driver.SetEntryState(entry);
            VmExit exit = driver.Run();
            Assert.Equal(VmExitKind.IoOut, exit.Kind);
            Assert.Equal(IoPorts.HostCall, exit.Port);
        }
    }

    private sealed class RefusingHost : IHostCallHandler
    {
        public bool HandleHostCall() => false;
    }
}
