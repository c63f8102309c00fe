namespace Hyperlight;

/// <summary>
/// The I/O ports a micro-VM guest leaves through (DESIGN.md §5). The guest runs at CPL 3 with
/// IOPL 3, so <c>out imm8, al</c> is legal and causes an ordinary I/O exit.
/// </summary>
public static class IoPorts
{
    /// <summary>The guest call finished; results are in the call frame.</summary>
    public const byte Return = 0xE0;
    /// <summary>The guest asks the host to run an imported function described by the call frame.</summary>
    public const byte HostCall = 0xE1;
    /// <summary>The guest trapped; the trap record in the control page says why.</summary>
    public const byte Trap = 0xE2;
}
