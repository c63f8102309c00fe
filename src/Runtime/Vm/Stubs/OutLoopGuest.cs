using Hyperlight.Vm.Drivers;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Vm.Stubs;

/// <summary>
/// A guest that does nothing but <c>out</c> to the host-call port in a loop, laid out alone: the
/// floor of one VM exit, which the self-test divides its figures by and driver tests run below the
/// engine.
/// </summary>
internal sealed class OutLoopGuest
{
    private OutLoopGuest(GuestLayout layout, byte[] code)
    {
        Layout = layout;
        Code = code;
    }

    public GuestLayout Layout { get; }

    public byte[] Code { get; }

    /// <summary>Where a driver starts it: the loop, a stack, RDI = the control page.</summary>
    public VmEntryState Entry => new(Layout.Code.Offset, Layout.StackTop - 8, Layout.Control.Offset);

    /// <param name="noExecute">Lay out data pages as no-execute (only for drivers that support it).</param>
    public static OutLoopGuest Create(bool noExecute)
    {
        var asm = new Assembler(64);
        Label loop = asm.CreateLabel();
        asm.Label(ref loop);
        asm.@out(IoPorts.HostCall, al);
        asm.jmp(loop);
        using var stream = new MemoryStream();
        asm.Assemble(new StreamCodeWriter(stream), 0);
        byte[] code = stream.ToArray();
        GuestLayout layout = GuestLayout.Create(
            new GuestLayoutRequest(ImageCodeSize: code.Length, StubsSize: 0, CallFrameSize: CallFrameLayout.MinimumSize, DataSize: 0, LinearMemoryInitial: 0, LinearMemoryReserve: 0),
            MicroVmOptions.Default with { NoExecuteData = noExecute });
        return new OutLoopGuest(layout, code);
    }

    /// <summary>Copies the code into <paramref name="memory"/>, which must have been created from <see cref="Layout"/>.</summary>
    public void Load(GuestMemory memory) => Code.CopyTo(memory.RegionSpan(Layout.Code));
}
