using Hyperlight.Vm.Kvm.Abi;
using Iced.Intel;

namespace Hyperlight.Vm.Kvm;

/// <summary>
/// Which CPU exception started a triple fault. PVM delivers guest exceptions in software and records
/// the exception in <c>KVM_GET_VCPU_EVENTS</c>; VT-x and AMD-V deliver it in hardware, fail for lack
/// of an IDT and report only the shutdown. The evidence the CPU leaves then is used instead: a page
/// fault always writes CR2 (which the driver sets to <see cref="Cr2Sentinel"/> beforehand), and
/// an undefined opcode (<c>ud2</c>) or a division at RIP can only have raised #UD or #DE.
/// </summary>
internal static class KvmFaultVector
{
    public const int DivideError = 0;
    public const int InvalidOpcode = 6;
    public const int PageFault = 14;
    public const int Unknown = -1;

    /// <summary>
    /// CR2 between crashes: canonical, so every CPU accepts it, and never the address of a real
    /// fault in practice (an access there would have to start at the very last byte of the address space).
    /// </summary>
    public const ulong Cr2Sentinel = ulong.MaxValue;

    /// <param name="events">The vCPU's events after the shutdown.</param>
    /// <param name="cr2">CR2 after the shutdown.</param>
    /// <param name="code">Guest bytes at RIP (empty when RIP is outside guest-visible memory).</param>
    public static int Find(in KvmVcpuEvents events, ulong cr2, ReadOnlySpan<byte> code)
    {
        if (events.ExceptionInjected != 0 || events.ExceptionPending != 0 || events.ExceptionNr != 0)
            return events.ExceptionNr;
        if (cr2 != Cr2Sentinel)
            return PageFault;
        if (code.IsEmpty)
            return Unknown;
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code.ToArray()));
        decoder.Decode(out Instruction instruction);
        return instruction switch
        {
            { IsInvalid: true } or { Mnemonic: Mnemonic.Ud0 or Mnemonic.Ud1 or Mnemonic.Ud2 } => InvalidOpcode,
            { Mnemonic: Mnemonic.Div or Mnemonic.Idiv } => DivideError,
            _ => Unknown,
        };
    }
}
