using System.Globalization;
using System.Text;

namespace Hyperlight.Vm.Drivers;

/// <summary>The general-purpose registers, RIP, RFLAGS and CR2, as read for a crash report.</summary>
internal struct VmRegisters
{
    public ulong Rax, Rbx, Rcx, Rdx, Rsi, Rdi, Rbp, Rsp;
    public ulong R8, R9, R10, R11, R12, R13, R14, R15;
    public ulong Rip, Rflags;

    /// <summary>The faulting address of the last page fault, where the driver can read it (0 = unknown).</summary>
    public ulong Cr2;

    /// <summary>Four registers a line, hex, for <see cref="GuestCrashException.Registers"/>.</summary>
    public readonly string Format()
    {
        var text = new StringBuilder();
        Append(text, "rax", Rax); Append(text, "rbx", Rbx); Append(text, "rcx", Rcx); Append(text, "rdx", Rdx); text.AppendLine();
        Append(text, "rsi", Rsi); Append(text, "rdi", Rdi); Append(text, "rbp", Rbp); Append(text, "rsp", Rsp); text.AppendLine();
        Append(text, "r8", R8); Append(text, "r9", R9); Append(text, "r10", R10); Append(text, "r11", R11); text.AppendLine();
        Append(text, "r12", R12); Append(text, "r13", R13); Append(text, "r14", R14); Append(text, "r15", R15); text.AppendLine();
        Append(text, "rip", Rip); Append(text, "rflags", Rflags); Append(text, "cr2", Cr2);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, ulong value) =>
        text.Append(CultureInfo.InvariantCulture, $"{name,-6}={value:x16}  ");
}
