namespace Hyperlight;

/// <summary>
/// The guest left the VM in a way no compiled check produced: a CPU fault, a triple fault, an
/// unexpected port, an emulation failure. Carries what the host could see. The sandbox must be
/// restored before it is used again (the runtime does so).
/// </summary>
public sealed class GuestCrashException : HyperlightException
{
    public GuestCrashException(string message, ulong rip, int? vector, string registers, string disassembly)
        : base(message)
    {
        Rip = rip;
        Vector = vector;
        Registers = registers;
        Disassembly = disassembly;
    }

    /// <summary>The guest instruction pointer at the crash.</summary>
    public ulong Rip { get; }

    /// <summary>The CPU exception vector (14 = page fault, 13 = general protection, 6 = invalid opcode) where known.</summary>
    public int? Vector { get; }

    /// <summary>A dump of the general-purpose registers.</summary>
    public string Registers { get; }

    /// <summary>The instructions at <see cref="Rip"/>, disassembled.</summary>
    public string Disassembly { get; }

    public override string ToString() => $"{base.ToString()}{Environment.NewLine}{Registers}{Environment.NewLine}{Disassembly}";
}
