using System.Globalization;
using System.Text;
using Iced.Intel;
using Hyperlight.Vm.Drivers;
using Decoder = Iced.Intel.Decoder;

namespace Hyperlight.Vm.Engine;

/// <summary>Builds <see cref="GuestCrashException"/>s: what happened, where, the registers and the code at RIP.</summary>
internal static class CrashReport
{
    private const int InstructionsShown = 4;
    private const int BytesRead = InstructionsShown * 15;

    public static GuestCrashException Create(in VmExit exit, in VmRegisters registers, GuestMemory memory)
    {
        ulong rip = exit.Rip != 0 ? exit.Rip : registers.Rip;
        int? vector = exit.Vector >= 0 ? exit.Vector : null;
        var message = new StringBuilder("The guest crashed: ");
        message.Append(exit.Kind switch
        {
            VmExitKind.IoOut => string.Create(CultureInfo.InvariantCulture, $"it wrote to I/O port 0x{exit.Port:x}, which is not a Hyperlight port."),
            _ => exit.Description ?? exit.Kind.ToString(),
        });
        if (vector is int v)
            message.Append(CultureInfo.InvariantCulture, $" Vector {v} ({VectorName(v)}).");
        message.Append(CultureInfo.InvariantCulture, $" RIP 0x{rip:x}{Where(rip, memory)}.");
        if (vector == 14 && registers.Cr2 != 0)
            message.Append(CultureInfo.InvariantCulture, $" Faulting address (CR2) 0x{registers.Cr2:x}{Where(registers.Cr2, memory)}.");
        return new GuestCrashException(message.ToString(), rip, vector, registers.Format(), Disassemble(memory, rip));
    }

    /// <summary>Up to four instructions at <paramref name="rip"/>, read only from guest-visible memory.</summary>
    public static string Disassemble(GuestMemory memory, ulong rip)
    {
        var bytes = new byte[BytesRead];
        int count = memory.ReadGuestBytes(rip, bytes);
        if (count == 0)
            return string.Create(CultureInfo.InvariantCulture, $"(no code to show: 0x{rip:x} is not in guest-visible memory)");
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(bytes, 0, count), rip);
        var formatter = new NasmFormatter();
        var output = new StringOutput();
        var text = new StringBuilder();
        for (int i = 0; i < InstructionsShown && decoder.IP < rip + (ulong)count; i++)
        {
            decoder.Decode(out Instruction instruction);
            if (instruction.IsInvalid)
            {
                text.Append(CultureInfo.InvariantCulture, $"{instruction.IP:x16}  (not a valid instruction: {BitConverter.ToString(bytes, (int)(instruction.IP - rip), Math.Min(8, count - (int)(instruction.IP - rip)))})");
                break;
            }
            formatter.Format(instruction, output);
            text.Append(CultureInfo.InvariantCulture, $"{instruction.IP:x16}  {output.ToStringAndReset()}").AppendLine();
        }
        return text.ToString().TrimEnd();
    }

    private static string Where(ulong address, GuestMemory memory)
    {
        ulong offset = address - memory.GuestBase;
        return address >= memory.GuestBase && memory.Layout.RegionOf(offset, 1) is { } region
            ? string.Create(CultureInfo.InvariantCulture, $" ({region.Name} + 0x{offset - region.Offset:x})")
            : " (outside guest memory)";
    }

    private static string VectorName(int vector) => vector switch
    {
        0 => "#DE divide error",
        1 => "#DB debug",
        3 => "#BP breakpoint",
        4 => "#OF overflow",
        5 => "#BR bound range",
        6 => "#UD invalid opcode",
        7 => "#NM device not available",
        8 => "#DF double fault",
        10 => "#TS invalid TSS",
        11 => "#NP segment not present",
        12 => "#SS stack-segment fault",
        13 => "#GP general protection",
        14 => "#PF page fault",
        16 => "#MF x87 floating-point",
        17 => "#AC alignment check",
        18 => "#MC machine check",
        19 => "#XM SIMD floating-point",
        _ => "software interrupt or reserved vector",
    };
}
