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
    public static Condition Negate(this Condition condition) => condition switch
    {
        Condition.Equal => Condition.NotEqual,
        Condition.NotEqual => Condition.Equal,
        Condition.Less => Condition.GreaterOrEqual,
        Condition.GreaterOrEqual => Condition.Less,
        Condition.LessOrEqual => Condition.Greater,
        Condition.Greater => Condition.LessOrEqual,
        Condition.Below => Condition.AboveOrEqual,
        Condition.AboveOrEqual => Condition.Below,
        Condition.BelowOrEqual => Condition.Above,
        _ => Condition.BelowOrEqual,
    };

    public static void Jump(this Assembler asm, Condition condition, Label target)
    {
        switch (condition)
        {
            case Condition.Equal: asm.je(target); break;
            case Condition.NotEqual: asm.jne(target); break;
            case Condition.Less: asm.jl(target); break;
            case Condition.LessOrEqual: asm.jle(target); break;
            case Condition.Greater: asm.jg(target); break;
            case Condition.GreaterOrEqual: asm.jge(target); break;
            case Condition.Below: asm.jb(target); break;
            case Condition.BelowOrEqual: asm.jbe(target); break;
            case Condition.Above: asm.ja(target); break;
            case Condition.AboveOrEqual: asm.jae(target); break;
        }
    }

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
