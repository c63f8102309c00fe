using Iced.Intel;

namespace Hyperlight.Vm.Stubs;

/// <summary>
/// The driver-specific code the micro-VM layer places after the image's code: where
/// <see cref="ControlPage.ReturnEntry"/>, <see cref="ControlPage.TrapEntry"/> and
/// <see cref="ControlPage.HostCallEntry"/> point (vm-brief "Entry and exits"). Position-independent,
/// assembled once per driver kind.
/// </summary>
internal sealed class DriverStubs
{
    private DriverStubs(byte[] code, int returnOffset, int trapOffset, int hostCallOffset, int enterOffset)
    {
        Code = code;
        ReturnOffset = returnOffset;
        TrapOffset = trapOffset;
        HostCallOffset = hostCallOffset;
        EnterOffset = enterOffset;
    }

    public byte[] Code { get; }

    public int ReturnOffset { get; }

    public int TrapOffset { get; }

    public int HostCallOffset { get; }

    /// <summary>In-process only: the host calls this to enter the guest; -1 for VM drivers.</summary>
    public int EnterOffset { get; }

    /// <summary>Assembles <paramref name="emit"/>, which returns its (placed) entry labels, into position-independent bytes.</summary>
    internal static DriverStubs Assemble(Func<Assembler, StubLabels> emit)
    {
        var assembler = new Assembler(64);
        StubLabels labels = emit(assembler);
        using var stream = new MemoryStream();
        AssemblerResult result = assembler.Assemble(new StreamCodeWriter(stream), 0, BlockEncoderOptions.ReturnNewInstructionOffsets);
        int Offset(Label label) => label.IsEmpty || label.InstructionIndex < 0 ? -1 : (int)result.GetLabelRIP(label);
        return new DriverStubs(stream.ToArray(), Offset(labels.Return), Offset(labels.Trap), Offset(labels.HostCall), Offset(labels.Enter));
    }
}

/// <summary>The entry points a stub set defines, after <c>Assembler.Label</c> placed them (Enter only in-process).</summary>
internal readonly record struct StubLabels(Label Return, Label Trap, Label HostCall, Label Enter);
