using Hyperlight.Wasm.Compiler;
using Iced.Intel;

namespace Hyperlight.Wasm.Tests.Compiler;

public sealed class LabelBindingTests
{
    [Fact]
    public void A_second_label_at_the_same_place_gets_a_nop_to_sit_on()
    {
        var asm = new Assembler(64);
        Label outer = asm.CreateLabel();
        Label inner = asm.CreateLabel();
        asm.Bind(ref inner);
        asm.Bind(ref outer);
        asm.ret();

        Assert.Equal([Code.Nopd, Code.Retnq], asm.Instructions.Select(i => i.Code));
        Assert.Equal([inner.Id, outer.Id], asm.Instructions.Select(i => i.IP));
    }

    [Fact]
    public void A_label_after_an_instruction_needs_no_nop()
    {
        var asm = new Assembler(64);
        Label first = asm.CreateLabel();
        Label second = asm.CreateLabel();
        asm.Bind(ref first);
        asm.int3();
        asm.Bind(ref second);
        asm.ret();

        Assert.Equal([Code.Int3, Code.Retnq], asm.Instructions.Select(i => i.Code));
        Assert.Equal([first.Id, second.Id], asm.Instructions.Select(i => i.IP));
    }
}
