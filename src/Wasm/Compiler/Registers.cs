using Iced.Intel;

namespace Hyperlight.Wasm.Compiler;

/// <summary>Iced register operands for a register number, in each width the code generator needs.</summary>
internal static class Registers
{
    public static AssemblerRegister64 Q(Gpr r) => new(Register.RAX + (int)r);

    public static AssemblerRegister32 D(Gpr r) => new(Register.EAX + (int)r);

    public static AssemblerRegister16 W(Gpr r) => new(Register.AX + (int)r);

    public static AssemblerRegister8 B(Gpr r) =>
        (int)r < 4 ? new(Register.AL + (int)r) : new(Register.SPL + ((int)r - 4));

    public static AssemblerRegisterXMM X(int xmm) => new(Register.XMM0 + xmm);
}
