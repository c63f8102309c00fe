using Hyperlight.Vm;
using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Kvm;
using Iced.Intel;

namespace Hyperlight.Tests.Kvm;

/// <summary>
/// A KVM driver over fresh guest memory holding a few hand-assembled instructions, for driver tests
/// below the micro-VM engine: the code is placed at the start of the code region, the stack and the
/// control page are the layout's.
/// </summary>
internal sealed class KvmTestVm : IDisposable
{
    private readonly AssemblerResult _assembled;
    private readonly GuestMemory _memory;

    private KvmTestVm(GuestLayout layout, AssemblerResult assembled, GuestMemory memory, KvmDriver driver)
    {
        Layout = layout;
        _assembled = assembled;
        _memory = memory;
        Driver = driver;
    }

    public GuestLayout Layout { get; }

    public KvmDriver Driver { get; }

    /// <summary>Assembles <paramref name="emit"/> at the code region (it may read addresses from the layout) and boots a vCPU over it.</summary>
    public static KvmTestVm Create(Action<Assembler, GuestLayout> emit)
    {
        GuestLayout layout = TestLayouts.Create();
        var assembler = new Assembler(64);
        emit(assembler, layout);
        using var stream = new MemoryStream();
        AssemblerResult assembled = assembler.Assemble(new StreamCodeWriter(stream), layout.Code.Offset, BlockEncoderOptions.ReturnNewInstructionOffsets);
        byte[] code = stream.ToArray();
        Assert.True((ulong)code.Length <= layout.Code.Size, "test guest larger than its code region");

        GuestMemory memory = GuestMemory.Create(layout, GuestAddressing.VirtualMachine);
        try
        {
            code.CopyTo(memory.RegionSpan(layout.Code));
            return new KvmTestVm(layout, assembled, memory, KvmDriver.Create(memory));
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    public ulong AddressOf(Label label) => _assembled.GetLabelRIP(label);

    /// <summary>A fresh call at <paramref name="label"/>: entry registers set, then run to the first exit.</summary>
    public VmExit RunFrom(Label label)
    {
        Driver.SetEntryState(EntryAt(label));
        return Driver.Run();
    }

    public VmEntryState EntryAt(Label label) => new(AddressOf(label), Layout.StackTop - 8, Layout.Control.Offset);

    public void Dispose()
    {
        Driver.Dispose();
        _memory.Dispose();
    }
}
