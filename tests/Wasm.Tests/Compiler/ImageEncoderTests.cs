using Hyperlight.Wasm.Compiler;
using Hyperlight.Wasm.Compiler.Emission;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Wasm.Tests.Compiler;

/// <summary>
/// The compiler's own encoding pass: label fix-ups forwards and backwards, branch forms,
/// RIP-relative data, jump tables, equivalence with Iced's block encoder, and internal errors.
/// </summary>
public sealed class ImageEncoderTests
{
    [Theory]
    [InlineData(127, Code.Jmp_rel8_64)]
    [InlineData(128, Code.Jmp_rel32_64)]
    public void A_forward_jump_is_shortened_only_while_its_target_is_in_reach(int gap, Code expected)
    {
        var asm = new Assembler(64);
        Label target = asm.CreateLabel();
        asm.jmp(target);
        asm.db(new byte[gap]);
        asm.Label(ref target);
        asm.ret();

        EncodedImage image = ImageEncoder.Encode(asm.Instructions);

        Instruction jump = DecodeAt(image.Code, 0);
        Assert.Equal(expected, jump.Code);
        Assert.Equal(jump.Length + gap, image.Labels[target]);
        Assert.Equal((ulong)image.Labels[target], jump.NearBranchTarget);
        Assert.Equal(Code.Retnq, DecodeAt(image.Code, image.Labels[target]).Code);
    }

    [Fact]
    public void A_forward_jump_comes_in_reach_when_a_later_one_is_shortened()
    {
        var asm = new Assembler(64);
        Label first = asm.CreateLabel();
        Label second = asm.CreateLabel();
        Label data = asm.CreateLabel();
        asm.jne(first);
        asm.db(new byte[118]);
        asm.jmp(second);
        asm.lea(rax, __[data]);
        asm.Label(ref first);
        asm.ret();
        asm.Label(ref second);
        asm.ret();
        asm.Label(ref data);
        asm.db(1, 2, 3, 4);

        EncodedImage image = ImageEncoder.Encode(asm.Instructions);

        // jne has 118 + 5 (near jmp) + 7 (lea) = 130 bytes to jump over until the jmp is short: 127.
        Instruction jne = DecodeAt(image.Code, 0);
        Instruction jmp = DecodeAt(image.Code, 120);
        Instruction lea = DecodeAt(image.Code, 122);
        Assert.Equal((Code.Jne_rel8_64, (ulong)image.Labels[first]), (jne.Code, jne.NearBranchTarget));
        Assert.Equal((Code.Jmp_rel8_64, (ulong)image.Labels[second]), (jmp.Code, jmp.NearBranchTarget));
        Assert.Equal((ulong)image.Labels[data], lea.IPRelativeMemoryAddress);
        Assert.Equal(131, image.Labels[data]);
        Assert.Equal([1, 2, 3, 4], image.Code[image.Labels[data]..]);
    }

    [Fact]
    public void A_backward_jump_takes_the_short_form_only_while_its_target_is_in_reach()
    {
        var asm = new Assembler(64);
        Label near = asm.CreateLabel();
        Label far = asm.CreateLabel();
        asm.Label(ref far);
        asm.db(new byte[200]);
        asm.Label(ref near);
        asm.nop();
        asm.jne(near);
        asm.jmp(far);

        EncodedImage image = ImageEncoder.Encode(asm.Instructions);

        Instruction shortJump = DecodeAt(image.Code, 201);
        Assert.Equal(Code.Jne_rel8_64, shortJump.Code);
        Assert.Equal(200UL, shortJump.NearBranchTarget);
        Instruction nearJump = DecodeAt(image.Code, 203);
        Assert.Equal(Code.Jmp_rel32_64, nearJump.Code);
        Assert.Equal(0UL, nearJump.NearBranchTarget);
    }

    [Fact]
    public void Forward_conditional_jumps_and_calls_reach_their_labels()
    {
        var asm = new Assembler(64);
        Label skip = asm.CreateLabel();
        Label callee = asm.CreateLabel();
        asm.je(skip);
        asm.call(callee);
        asm.Label(ref skip);
        asm.ret();
        asm.Label(ref callee);
        asm.ret();

        EncodedImage image = ImageEncoder.Encode(asm.Instructions);

        Instruction jcc = DecodeAt(image.Code, 0);
        Instruction call = DecodeAt(image.Code, jcc.Length);
        Assert.Equal((Code.Je_rel8_64, (ulong)image.Labels[skip]), (jcc.Code, jcc.NearBranchTarget));
        Assert.Equal((Code.Call_rel32_64, (ulong)image.Labels[callee]), (call.Code, call.NearBranchTarget));
        Assert.Equal(7, image.Labels[skip]);
        Assert.Equal(8, image.Labels[callee]);
    }

    [Fact]
    public void Rip_relative_operands_reach_data_before_and_after_them_even_with_an_immediate_after_the_displacement()
    {
        var asm = new Assembler(64);
        Label before = asm.CreateLabel();
        Label after = asm.CreateLabel();
        asm.Label(ref before);
        asm.db(0x11, 0x22, 0x33, 0x44);
        asm.lea(rax, __[after]);
        asm.mov(__dword_ptr[after], 0x12345678);
        asm.cmp(__byte_ptr[before], 7);
        asm.Label(ref after);
        asm.db(new byte[8]);

        EncodedImage image = ImageEncoder.Encode(asm.Instructions);

        Instruction lea = DecodeAt(image.Code, 4);
        Instruction store = DecodeAt(image.Code, 4 + lea.Length);
        Instruction compare = DecodeAt(image.Code, 4 + lea.Length + store.Length);
        ulong afterOffset = (ulong)image.Labels[after];
        Assert.Equal(afterOffset, lea.IPRelativeMemoryAddress);
        Assert.Equal((afterOffset, 0x12345678u), (store.IPRelativeMemoryAddress, store.Immediate32));
        Assert.Equal((0UL, (byte)7), (compare.IPRelativeMemoryAddress, compare.Immediate8));
        Assert.Equal(afterOffset, (ulong)(4 + lea.Length + store.Length + compare.Length));
    }

    [Fact]
    public void Jump_tables_hold_each_target_relative_to_the_table()
    {
        var asm = new Assembler(64);
        var tables = new JumpTables(asm);
        Label[] targets = [asm.CreateLabel(), asm.CreateLabel(), asm.CreateLabel()];
        Label descriptors = asm.CreateLabel();
        tables.EmitJump(Gpr.Rcx, [targets[2], targets[0], targets[2]]);
        for (int i = 0; i < targets.Length; i++)
        {
            asm.Label(ref targets[i]);
            asm.nop();
        }
        tables.EmitTaggedTable(descriptors, targets, [7, 8, 9]);

        EncodedImage image = ImageEncoder.Encode(asm.Instructions);
        tables.Patch(image.Labels, image.Code);

        int table = image.Labels[targets[0]] - 12;
        Assert.Equal(
            [image.Labels[targets[2]] - table, image.Labels[targets[0]] - table, image.Labels[targets[2]] - table],
            ReadInt32s(image.Code, table, 3, stride: 4));
        int tagged = image.Labels[descriptors];
        Assert.Equal([.. targets.Select(t => image.Labels[t] - tagged)], ReadInt32s(image.Code, tagged, 3, stride: 8));
        Assert.Equal([7, 8, 9], ReadInt32s(image.Code, tagged + 4, 3, stride: 8));
    }

    [Fact]
    public void The_image_is_byte_for_byte_what_Iced_assembles_with_the_same_label_offsets()
    {
        var (asm, labels) = MixedProgram();
        var stream = new MemoryStream();
        AssemblerResult iced = asm.Assemble(new StreamCodeWriter(stream), 0, BlockEncoderOptions.ReturnNewInstructionOffsets);

        EncodedImage image = ImageEncoder.Encode(asm.Instructions);

        Assert.Equal(stream.ToArray(), image.Code);
        Assert.Equal(labels.Select(l => (int)iced.GetLabelRIP(l)), labels.Select(l => image.Labels[l]));
    }

    [Fact]
    public void A_referenced_label_that_is_never_bound_is_an_internal_error()
    {
        var asm = new Assembler(64);
        Label nowhere = asm.CreateLabel();
        asm.jmp(nowhere);
        asm.ret();

        var error = Assert.Throws<InvalidOperationException>(() => ImageEncoder.Encode(asm.Instructions));
        Assert.Contains($"label {nowhere.Id} is referenced but was never bound", error.Message);
    }

    [Fact]
    public void Asking_for_the_offset_of_an_unbound_label_is_an_internal_error()
    {
        var asm = new Assembler(64);
        Label unused = asm.CreateLabel();
        asm.ret();

        EncodedImage image = ImageEncoder.Encode(asm.Instructions);

        Assert.Throws<InvalidOperationException>(() => image.Labels[unused]);
    }

    [Fact]
    public void Binding_two_copies_of_one_label_is_an_internal_error()
    {
        var asm = new Assembler(64);
        Label first = asm.CreateLabel();
        Label copy = first;
        asm.Label(ref first);
        asm.nop();
        asm.Label(ref copy);
        asm.ret();

        var error = Assert.Throws<InvalidOperationException>(() => ImageEncoder.Encode(asm.Instructions));
        Assert.Contains("bound twice", error.Message);
    }

    [Fact]
    public void A_branch_other_than_jmp_jcc_or_call_is_an_internal_error()
    {
        var asm = new Assembler(64);
        Label done = asm.CreateLabel();
        asm.Label(ref done);
        asm.jrcxz(done);

        var error = Assert.Throws<InvalidOperationException>(() => ImageEncoder.Encode(asm.Instructions));
        Assert.Contains("Jrcxz_rel8_64", error.Message);
    }

    [Fact]
    public void Every_jcc_condition_and_jmp_is_written_as_Iced_encodes_it_in_both_forms()
    {
        Code[] shortForms = [.. Enum.GetValues<Code>().Where(c => c.ToString().EndsWith("_rel8_64", StringComparison.Ordinal) && (c.IsJccShort() || c == Code.Jmp_rel8_64))];
        Assert.Equal(17, shortForms.Length);
        foreach (Code shortForm in shortForms)
        {
            var asm = new Assembler(64);
            Label back = asm.CreateLabel();
            Label ahead = asm.CreateLabel();
            asm.Label(ref back);
            asm.nop();
            asm.AddInstruction(Instruction.CreateBranch(shortForm, back.Id));
            asm.AddInstruction(Instruction.CreateBranch(shortForm, ahead.Id));
            asm.db(new byte[200]);
            asm.Label(ref ahead);
            asm.ret();

            byte[] code = ImageEncoder.Encode(asm.Instructions).Code;

            Assert.Equal(IcedBytes(Instruction.CreateBranch(shortForm, 0), 1), code[1..3]);
            int nearEnd = code.Length - 201;
            Assert.Equal(IcedBytes(Instruction.CreateBranch(shortForm.ToNearBranch(), (ulong)(code.Length - 1)), 3), code[3..nearEnd]);
        }
    }

    [Fact]
    public void An_instruction_that_cannot_be_encoded_is_an_internal_error_naming_it()
    {
        var asm = new Assembler(64);
        asm.AddInstruction(Instruction.Create(Code.Mov_r64_rm64, Register.EAX, Register.RCX));

        var error = Assert.Throws<InvalidOperationException>(() => ImageEncoder.Encode(asm.Instructions));
        Assert.Contains("Mov_r64_rm64", error.Message);
    }

    /// <summary>Loops, forward exits, calls, a jump table, RIP-relative loads and stores, and data in between code; and its labels, bound.</summary>
    private static (Assembler Asm, Label[] Labels) MixedProgram()
    {
        var asm = new Assembler(64);
        var tables = new JumpTables(asm);
        Label constant = asm.CreateLabel();
        Label helper = asm.CreateLabel();
        Label exit = asm.CreateLabel();
        Label[] cases = [asm.CreateLabel(), asm.CreateLabel()];
        Label top = asm.CreateLabel();
        asm.Label(ref top);
        asm.movsd(xmm1, __qword_ptr[constant]);
        asm.ucomisd(xmm0, xmm1);
        asm.jp(exit);
        asm.call(helper);
        asm.mov(__qword_ptr[rsp + 8], rax);
        asm.dec(rcx);
        asm.jnz(top);
        tables.EmitJump(Gpr.Rdx, cases);
        asm.Label(ref cases[0]);
        asm.db(new byte[150]);
        asm.add(rax, 0x1234);
        asm.jmp(top);
        asm.Label(ref cases[1]);
        asm.mov(__dword_ptr[constant], 3);
        asm.jmp(exit);
        asm.Label(ref helper);
        asm.lea(rax, __[helper]);
        asm.ret();
        asm.Label(ref exit);
        asm.ret();
        asm.Label(ref constant);
        asm.db(BitConverter.GetBytes(2.0));
        return (asm, [top, .. cases, helper, exit, constant]);
    }

    private static Instruction DecodeAt(byte[] code, int offset)
    {
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code, offset, code.Length - offset));
        decoder.IP = (ulong)offset;
        decoder.Decode(out Instruction instruction);
        Assert.NotEqual(Code.INVALID, instruction.Code);
        return instruction;
    }

    private static byte[] IcedBytes(Instruction instruction, int offset)
    {
        var stream = new MemoryStream();
        Encoder.Create(64, new StreamCodeWriter(stream)).Encode(instruction, (ulong)offset);
        return stream.ToArray();
    }

    private static int[] ReadInt32s(byte[] code, int start, int count, int stride) =>
        [.. Enumerable.Range(0, count).Select(i => BitConverter.ToInt32(code, start + (stride * i)))];
}
