using Hyperlight.Vm;
using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Emulated;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Tests.Vm;

/// <summary>The emulated driver used directly, below the engine.</summary>
public sealed class EmulatedDriverTests
{
    [SkippableFact]
    public void A_layout_with_no_execute_pages_is_refused_instead_of_crashing_the_emulator()
    {
        Skip.IfNot(EmulatedDriverFactory.Instance.IsAvailable(out string reason), reason);
        (GuestLayout layout, byte[] _) = OutLoop(noExecute: true);
        using GuestMemory memory = GuestMemory.Create(layout, GuestAddressing.VirtualMachine);

        var error = Assert.Throws<ArgumentException>(() => EmulatedDriverFactory.Instance.Create(memory, new RefusingHost()));

        Assert.Contains("NoExecuteData", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void An_out_loop_exits_on_every_entry()
    {
        Skip.IfNot(EmulatedDriverFactory.Instance.IsAvailable(out string reason), reason);
        (GuestLayout layout, byte[] code) = OutLoop(noExecute: false);
        using GuestMemory memory = GuestMemory.Create(layout, GuestAddressing.VirtualMachine);
        code.CopyTo(memory.RegionSpan(layout.Code));
        using IVmDriver driver = EmulatedDriverFactory.Instance.Create(memory, new RefusingHost());
        var entry = new VmEntryState(layout.Code.Offset, layout.StackTop - 8, layout.Control.Offset);

        for (int round = 0; round < 500; round++)
        {
            driver.SetEntryState(entry);
            VmExit exit = driver.Run();
            Assert.Equal(VmExitKind.IoOut, exit.Kind);
            Assert.Equal(IoPorts.HostCall, exit.Port);
        }
    }

    private static (GuestLayout Layout, byte[] Code) OutLoop(bool noExecute)
    {
        var asm = new Assembler(64);
        Label loop = asm.CreateLabel();
        asm.Label(ref loop);
        asm.@out(IoPorts.HostCall, al);
        asm.jmp(loop);
        using var stream = new MemoryStream();
        asm.Assemble(new StreamCodeWriter(stream), 0);
        GuestLayout layout = GuestLayout.Create(
            new GuestLayoutRequest(ImageCodeSize: (int)stream.Length, StubsSize: 0, CallFrameSize: CallFrameLayout.MinimumSize, DataSize: 0, LinearMemoryInitial: 0, LinearMemoryReserve: 0),
            MicroVmOptions.Default with { NoExecuteData = noExecute });
        return (layout, stream.ToArray());
    }

    private sealed class RefusingHost : IHostCallHandler
    {
        public bool HandleHostCall() => false;
    }
}
