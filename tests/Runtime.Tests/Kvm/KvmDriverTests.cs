using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Kvm;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Tests.Kvm;

/// <summary>
/// The KVM driver on a real vCPU with hand-assembled guests. Skipped, with the probe's reason, on
/// machines without a usable /dev/kvm.
/// </summary>
public sealed class KvmDriverTests
{
    private const byte UnusedPort = 0x60;

    [SkippableFact]
    public void Out_exits_report_port_and_value_and_resume_after_the_out()
    {
        RequireKvm();
        Label entry = default;
        using KvmTestVm vm = KvmTestVm.Create((asm, _) =>
        {
            entry = asm.CreateLabel();
            Label loop = asm.CreateLabel();
            asm.Label(ref entry);
            asm.mov(ecx, 3);
            asm.Label(ref loop);
            asm.mov(eax, ecx);
            asm.@out(IoPorts.HostCall, al);
            asm.dec(ecx);
            asm.jnz(loop);
            asm.mov(eax, 0x55);
            asm.@out(IoPorts.Return, al);
            asm.ud2();
        });

        Assert.Equal((IoPorts.HostCall, 3u), Out(vm.RunFrom(entry)));
        Assert.Equal((IoPorts.HostCall, 2u), Out(vm.Driver.Run()));
        Assert.Equal((IoPorts.HostCall, 1u), Out(vm.Driver.Run()));
        Assert.Equal((IoPorts.Return, 0x55u), Out(vm.Driver.Run()));
    }

    [SkippableFact]
    public void Guest_starts_with_the_entry_registers_and_keeps_its_registers_across_an_exit()
    {
        RequireKvm();
        Label entry = default;
        using KvmTestVm vm = KvmTestVm.Create((asm, _) =>
        {
            entry = asm.CreateLabel();
            asm.Label(ref entry);
            asm.mov(r15, 0x1122_3344_5566_7788);
            asm.mov(rbx, rdi);
            asm.@out(IoPorts.HostCall, al);
            asm.@out(IoPorts.Return, al);
        });

        Assert.Equal(VmExitKind.IoOut, vm.RunFrom(entry).Kind);
        vm.Driver.ReadRegisters(out VmRegisters registers);

        Assert.Equal(0x1122_3344_5566_7788ul, registers.R15);
        Assert.Equal(vm.Layout.Control.Offset, registers.Rbx);
        Assert.Equal(vm.Layout.StackTop - 8, registers.Rsp);
        Assert.Equal(3ul, (registers.Rflags >> 12) & 3); // still IOPL 3
        Assert.Equal(IoPorts.Return, Out(vm.Driver.Run()).Port);
    }

    [SkippableFact]
    public void Page_fault_is_a_fault_at_the_faulting_instruction_and_reset_makes_the_vcpu_reusable()
    {
        RequireKvm();
        Label fault = default, faultingLoad = default, ok = default;
        using KvmTestVm vm = KvmTestVm.Create((asm, layout) =>
        {
            fault = asm.CreateLabel();
            faultingLoad = asm.CreateLabel();
            ok = asm.CreateLabel();
            asm.Label(ref fault);
            asm.mov(rax, (long)layout.StackGuard.Offset); // absent from the page tables
            asm.Label(ref faultingLoad);
            asm.mov(rax, __qword_ptr[rax]);
            asm.@out(IoPorts.Return, al);
            asm.Label(ref ok);
            asm.@out(IoPorts.Return, al);
        });

        // Measured on PVM over four rounds; twice is enough to show the reset leaves nothing behind.
        for (int round = 0; round < 2; round++)
        {
            VmExit crash = vm.RunFrom(fault);
            Assert.Equal(VmExitKind.Fault, crash.Kind);
            Assert.Equal(vm.AddressOf(faultingLoad), crash.Rip);
            Assert.Equal(14, crash.Vector); // recorded by PVM, inferred from CR2 on VT-x/AMD-V
            Assert.Contains("KVM_EXIT_SHUTDOWN", crash.Description, StringComparison.Ordinal);

            vm.Driver.ResetAfterCrash();
            Assert.Equal(IoPorts.Return, Out(vm.RunFrom(ok)).Port);
        }
    }

    [SkippableFact]
    public void Write_to_the_code_region_faults()
    {
        RequireKvm();
        Label entry = default, write = default;
        using KvmTestVm vm = KvmTestVm.Create((asm, _) =>
        {
            entry = asm.CreateLabel();
            write = asm.CreateLabel();
            asm.Label(ref entry);
            asm.lea(rax, __[entry]);
            asm.Label(ref write);
            asm.mov(__byte_ptr[rax], 0x90);
            asm.@out(IoPorts.Return, al);
        });

        VmExit exit = vm.RunFrom(entry);

        Assert.NotEqual(VmExitKind.IoOut, exit.Kind);
        Assert.Equal(vm.AddressOf(write), exit.Rip);
    }

    [SkippableFact]
    public void Hlt_at_cpl_3_stops_the_guest_without_an_out()
    {
        RequireKvm();
        Label entry = default;
        using KvmTestVm vm = KvmTestVm.Create((asm, _) =>
        {
            entry = asm.CreateLabel();
            asm.Label(ref entry);
            asm.hlt();
            asm.@out(IoPorts.Return, al);
        });

        VmExit exit = vm.RunFrom(entry);

        Assert.True(exit.Kind is VmExitKind.Fault or VmExitKind.Halted, $"hlt gave {exit.Kind}");
        Assert.Equal(vm.AddressOf(entry), exit.Rip);
    }

    [SkippableFact]
    public void In_from_a_port_is_an_unexpected_exit()
    {
        RequireKvm();
        Label entry = default;
        using KvmTestVm vm = KvmTestVm.Create((asm, _) =>
        {
            entry = asm.CreateLabel();
            asm.Label(ref entry);
            asm.@in(al, UnusedPort);
            asm.@out(IoPorts.Return, al);
        });

        VmExit exit = vm.RunFrom(entry);

        Assert.Equal(VmExitKind.Unexpected, exit.Kind);
        Assert.Contains("port 0x60", exit.Description, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Interrupt_stops_a_guest_that_never_exits_and_the_next_call_runs_normally()
    {
        RequireKvm();
        Label spin = default, ok = default;
        using KvmTestVm vm = KvmTestVm.Create((asm, _) =>
        {
            spin = asm.CreateLabel();
            ok = asm.CreateLabel();
            asm.Label(ref spin);
            asm.jmp(spin);
            asm.Label(ref ok);
            asm.@out(IoPorts.Return, al);
        });
        vm.Driver.SetEntryState(vm.EntryAt(spin));
        using var kicker = new Timer(_ => vm.Driver.Interrupt(), null, dueTime: 50, period: 50);

        VmExit exit = vm.Driver.Run();

        Assert.Equal(VmExitKind.Interrupted, exit.Kind);
        kicker.Change(Timeout.Infinite, Timeout.Infinite);
        Assert.Equal(IoPorts.Return, Out(vm.RunFrom(ok)).Port);
    }

    [SkippableFact]
    public void Interrupt_before_run_stays_pending_until_run_or_a_new_entry()
    {
        RequireKvm();
        Label ok = default;
        using KvmTestVm vm = KvmTestVm.Create((asm, _) =>
        {
            ok = asm.CreateLabel();
            asm.Label(ref ok);
            asm.@out(IoPorts.HostCall, al);
            asm.@out(IoPorts.Return, al);
        });

        vm.Driver.SetEntryState(vm.EntryAt(ok));
        vm.Driver.Interrupt();
        Assert.Equal(VmExitKind.Interrupted, vm.Driver.Run().Kind);
        Assert.Equal(IoPorts.HostCall, Out(vm.Driver.Run()).Port); // consumed: the run after it proceeds

        vm.Driver.Interrupt();
        vm.Driver.SetEntryState(vm.EntryAt(ok)); // a new call clears a stale request
        Assert.Equal(IoPorts.HostCall, Out(vm.Driver.Run()).Port);
    }

    [SkippableFact]
    public void Interrupt_after_dispose_is_ignored()
    {
        RequireKvm();
        KvmTestVm vm = KvmTestVm.Create((asm, _) => asm.@out(IoPorts.Return, al));
        vm.Dispose();

        vm.Driver.Interrupt();
        Assert.Throws<ObjectDisposedException>(() => vm.Driver.Run());
    }

    [SkippableFact]
    public void Creating_and_disposing_drivers_leaks_no_file_descriptors_or_mappings()
    {
        RequireKvm();
        CreateAndRun(); // first use opens /dev/kvm and installs the kick signal for the process
        int fds = Directory.GetFiles("/proc/self/fd").Length;
        int mappings = File.ReadAllLines("/proc/self/maps").Length;

        for (int i = 0; i < 200; i++)
            CreateAndRun();

        Assert.Equal(fds, Directory.GetFiles("/proc/self/fd").Length);
        // The runtime may map a little on its own meanwhile; a leak would be 200+ (three per VM).
        Assert.InRange(File.ReadAllLines("/proc/self/maps").Length, 0, mappings + 20);
    }

    private static void CreateAndRun()
    {
        Label entry = default;
        using KvmTestVm vm = KvmTestVm.Create((asm, _) =>
        {
            entry = asm.CreateLabel();
            asm.Label(ref entry);
            asm.@out(IoPorts.Return, al);
        });
        Assert.Equal(IoPorts.Return, Out(vm.RunFrom(entry)).Port);
    }

    private static (byte Port, uint Value) Out(VmExit exit)
    {
        Assert.True(exit.Kind == VmExitKind.IoOut, $"expected an out exit, got {exit.Kind}: {exit.Description}");
        return ((byte)exit.Port, exit.Value);
    }

    private static void RequireKvm() =>
        Skip.IfNot(KvmDriver.IsAvailable, $"KVM driver test skipped: {KvmDriver.UnavailableReason}");
}
