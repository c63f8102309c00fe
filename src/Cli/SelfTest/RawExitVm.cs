using System.Diagnostics;
using Hyperlight.Vm;
using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Stubs;

namespace Hyperlight.Cli.SelfTest;

/// <summary>
/// The baseline every figure is divided by: a vCPU whose guest does nothing but <c>out</c> in a loop,
/// driven straight through the driver with no engine above it. On KVM one <see cref="IVmDriver.Run"/>
/// is one <c>KVM_RUN</c> and one exit at CPL 3.
/// </summary>
internal sealed class RawExitVm : IDisposable
{
    private readonly IVmDriverFactory _drivers;
    private readonly GuestMemory _memory;
    private readonly IVmDriver _driver;
    private readonly VmEntryState _entry;

    private RawExitVm(IVmDriverFactory drivers, GuestMemory memory, IVmDriver driver, VmEntryState entry)
    {
        _drivers = drivers;
        _memory = memory;
        _driver = driver;
        _entry = entry;
    }

    public static RawExitVm Create(IVmDriverFactory drivers)
    {
        OutLoopGuest guest = OutLoopGuest.Create(noExecute: drivers.SupportsNoExecute);
        GuestMemory memory = GuestMemory.Create(guest.Layout, GuestAddressing.VirtualMachine);
        try
        {
            guest.Load(memory);
            return new RawExitVm(drivers, memory, drivers.Create(memory, NoHostCalls.Instance), guest.Entry);
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="exits"/> exits and returns the mean time of one, in microseconds.</summary>
    public double MeasureExitMicroseconds(int exits)
    {
        _driver.SetEntryState(_entry);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < exits; i++)
        {
            VmExit exit = _driver.Run();
            if (exit.Kind != VmExitKind.IoOut || exit.Port != IoPorts.HostCall)
                throw new SelfTestFailure($"the out loop left with {exit.Kind} (port 0x{exit.Port:x}): {exit.Description}");
        }
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / exits;
    }

    /// <summary>
    /// Creates and disposes <paramref name="count"/> more drivers over this VM's memory (on KVM: VM,
    /// memory slots, vCPU, kvm_run mapping, CPUID and the fixed state). Returns the mean create and dispose times.
    /// </summary>
    public (double CreateMicroseconds, double DisposeMicroseconds) MeasureDriverLifecycle(int count)
    {
        TimeSpan create = TimeSpan.Zero, dispose = TimeSpan.Zero;
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            IVmDriver driver = _drivers.Create(_memory, NoHostCalls.Instance);
            long created = Stopwatch.GetTimestamp();
            driver.Dispose();
            create += Stopwatch.GetElapsedTime(start, created);
            dispose += Stopwatch.GetElapsedTime(created);
        }
        return (create.TotalMicroseconds / count, dispose.TotalMicroseconds / count);
    }

    public void Dispose()
    {
        _driver.Dispose();
        _memory.Dispose();
    }

    /// <summary>VM drivers report host calls as exits and never call this; the loop's exits are counted, not served.</summary>
    private sealed class NoHostCalls : IHostCallHandler
    {
        public static NoHostCalls Instance { get; } = new();

        public bool HandleHostCall() => false;
    }
}
