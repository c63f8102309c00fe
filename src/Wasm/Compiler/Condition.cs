using Iced.Intel;

namespace Hyperlight.Wasm.Compiler;

/// <summary>x86 condition codes the code generator branches or sets on.</summary>
internal enum Condition : byte
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Below,
    BelowOrEqual,
    Above,
    AboveOrEqual,
}

internal static class ConditionEmitter
{
    public static void Set(this Assembler asm, Condition condition, AssemblerRegister8 r)
    {
        switch (condition)
        {
            case Condition.Equal: asm.sete(r); break;
            case Condition.NotEqual: asm.setne(r); break;
            case Condition.Less: asm.setl(r); break;
            case Condition.LessOrEqual: asm.setle(r); break;
            case Condition.Greater: asm.setg(r); break;
            case Condition.GreaterOrEqual: asm.setge(r); break;
            case Condition.Below: asm.setb(r); break;
            case Condition.BelowOrEqual: asm.setbe(r); break;
            case Condition.Above: asm.seta(r); break;
            case Condition.AboveOrEqual: asm.setae(r); break;
        }
    }
}
