using Hyperlight.Wasm.Compiler.Emission;
using Hyperlight.Wasm.Tests.Differential;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Wasm.Tests.Compiler;

/// <summary>
/// The hand-written encoder of the common instruction forms writes exactly Iced's bytes: for every
/// instruction of real compiled images, for the ModRM/SIB/REX special cases, and it declines
/// (writing nothing) what it does not cover, so Iced encodes or rejects it.
/// </summary>
public sealed class CommonFormEncoderTests
{
    public static TheoryData<string> CorpusFiles() => [.. Corpus.Files()];

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_instruction_of_a_compiled_corpus_module_is_written_as_Iced_writes_it(string file) =>
        AssertImageReencodesAsIced(WasmCompiler.Compile(Corpus.Load(file)).Code);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_instruction_of_a_compiled_random_program_is_written_as_Iced_writes_it(int seed) =>
        AssertImageReencodesAsIced(WasmCompiler.Compile(global::Wasmtime.Module.ConvertText(new ProgramGenerator(seed).Module(40))).Code);

    [Fact]
    public void Random_bytes_decoded_as_instructions_are_written_as_Iced_writes_them_or_declined()
    {
        // Prefix combinations, high byte registers, odd addressing: what a compiled image rarely has.
        // About a quarter of what decodes is in the covered forms.
        var bytes = new byte[1 << 18];
        new Random(20261127).NextBytes(bytes);
        AssertImageReencodesAsIced(bytes, minimumCoveredShare: 5);
    }

    public static TheoryData<string, Action<Assembler>> EdgeCases() => new()
    {
        { "mov rax, [r12]: an r12 base needs a SIB byte", a => a.mov(rax, __qword_ptr[r12]) },
        { "mov rax, [rsp + 8]", a => a.mov(rax, __qword_ptr[rsp + 8]) },
        { "mov rax, [r13]: an r13 base needs a disp8 0", a => a.mov(rax, __qword_ptr[r13]) },
        { "mov eax, [rbp]", a => a.mov(eax, __dword_ptr[rbp]) },
        { "mov rcx, [rbp - 128]: the lowest disp8", a => a.mov(rcx, __qword_ptr[rbp - 128]) },
        { "mov rcx, [rbp - 129]: disp32", a => a.mov(rcx, __qword_ptr[rbp - 129]) },
        { "mov rcx, [rbx + 127]: the highest disp8", a => a.mov(rcx, __qword_ptr[rbx + 127]) },
        { "mov rcx, [rbx + 128]: disp32", a => a.mov(rcx, __qword_ptr[rbx + 128]) },
        { "mov [r15 + 0x12345678], r9", a => a.mov(__qword_ptr[r15 + 0x12345678], r9) },
        { "mov [rdi - 0x80000000], edx", a => a.mov(__dword_ptr[rdi - 0x7FFFFFFF - 1], edx) },
        { "mov r8d, [rax + rcx*8 + 16]", a => a.mov(r8d, __dword_ptr[rax + (rcx * 8) + 16]) },
        { "mov rax, [r12 + r13*2]: REX.B and REX.X", a => a.mov(rax, __qword_ptr[r12 + (r13 * 2)]) },
        { "mov rax, [r13 + r12*4 - 1]: r12 as an index", a => a.mov(rax, __qword_ptr[r13 + (r12 * 4) - 1]) },
        { "mov rax, [rsp + rbp*1]", a => a.mov(rax, __qword_ptr[rsp + rbp]) },
        { "mov r15d, r8d: 32-bit, REX without W", a => a.mov(r15d, r8d) },
        { "mov ecx, edx: no REX at all", a => a.mov(ecx, edx) },
        { "mov r9, 0x123456789ABCDEF0", a => a.mov(r9, 0x123456789ABCDEF0) },
        { "mov r11d, -1", a => a.mov(r11d, -1) },
        { "mov dword [rbp - 4], 1000", a => a.mov(__dword_ptr[rbp - 4], 1000) },
        { "mov qword [rsp], -2", a => a.mov(__qword_ptr[rsp], -2) },
        { "add rcx, -1: imm8", a => a.add(rcx, -1) },
        { "add r10, 0x1000: imm32", a => a.add(r10, 0x1000) },
        { "cmp dword [r12 + 4], 7", a => a.cmp(__dword_ptr[r12 + 4], 7) },
        { "xor r14, [rbp + 16]", a => a.xor(r14, __qword_ptr[rbp + 16]) },
        { "sub [rsp + 8], esi", a => a.sub(__dword_ptr[rsp + 8], esi) },
        { "and edx, 0xfff0", a => a.and(edx, 0xfff0) },
        { "test r8d, r8d", a => a.test(r8d, r8d) },
        { "imul r12, [r13]", a => a.imul(r12, __qword_ptr[r13]) },
        { "lea rax, [rsp + r12*8 + 0x100]", a => a.lea(rax, __[rsp + (r12 * 8) + 0x100]) },
        { "lea r13d, [rbp - 1]", a => a.lea(r13d, __[rbp - 1]) },
        { "shr r9, 63", a => a.shr(r9, 63) },
        { "movzx eax, sil: needs an empty REX", a => a.movzx(eax, sil) },
        { "movzx r10d, byte [r12]", a => a.movzx(r10d, __byte_ptr[r12]) },
        { "sete r10b", a => a.sete(r10b) },
        { "seta dil", a => a.seta(dil) },
        { "setb cl", a => a.setb(cl) },
        { "cmovl rax, [rbp + 8]", a => a.cmovl(rax, __qword_ptr[rbp + 8]) },
        { "movsxd r8, ecx", a => a.movsxd(r8, ecx) },
        { "push r12", a => a.push(r12) },
        { "pop rbp", a => a.pop(rbp) },
        { "jmp r11", a => a.jmp(r11) },
        { "movsd xmm15, [r14 + 8]", a => a.movsd(xmm15, __qword_ptr[r14 + 8]) },
        { "movsd [rsp], xmm9", a => a.movsd(__qword_ptr[rsp], xmm9) },
        { "movss xmm1, xmm2", a => a.movss(xmm1, xmm2) },
        { "ucomisd xmm8, xmm0", a => a.ucomisd(xmm8, xmm0) },
        { "xorps xmm3, xmm3", a => a.xorps(xmm3, xmm3) },
        { "cvtsi2sd xmm10, r11d", a => a.cvtsi2sd(xmm10, r11d) },
        { "cvtsi2ss xmm0, rax", a => a.cvtsi2ss(xmm0, rax) },
        { "cvttsd2si r11, xmm9: F2 before REX.W", a => a.cvttsd2si(r11, xmm9) },
        { "movq r9, xmm12", a => a.movq(r9, xmm12) },
        { "sqrtsd xmm2, [rax]", a => a.sqrtsd(xmm2, __qword_ptr[rax]) },
        { "ret", a => a.ret() },
        { "leave", a => a.leave() },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void An_edge_case_is_encoded_by_hand_as_Iced_encodes_it(string name, Action<Assembler> emit)
    {
        var asm = new Assembler(64);
        emit(asm);
        Instruction instruction = Assert.Single(asm.Instructions);

        byte[]? ours = Ours(instruction, 0x1000);

        Assert.True(ours is not null, $"{name} ({instruction.Code}) was left to Iced");
        Assert.Equal(Iced(instruction, 0x1000), ours);
    }

    [Theory]
    [InlineData(0x1000, 0x2000)]
    [InlineData(0x2000, 0x1000)]
    public void A_rip_relative_operand_is_written_relative_to_the_end_of_the_instruction_after_its_immediate(ulong ip, ulong target)
    {
        Instruction load = Instruction.Create(Code.Ucomisd_xmm_xmmm64, Register.XMM3, new MemoryOperand(Register.RIP, (long)target));
        Instruction store = Instruction.Create(Code.Mov_rm32_imm32, new MemoryOperand(Register.RIP, (long)target), 0x12345678);

        foreach (Instruction instruction in new[] { load, store })
        {
            var code = new CodeBuffer();
            int length = CommonFormEncoder.TryEncode(instruction, ip, code, out int displacement);

            Assert.Equal(Iced(instruction, ip), code.Written.ToArray());
            Assert.Equal((long)target - (long)(ip + (ulong)length), BitConverter.ToInt32(code.Written[displacement..]));
        }
    }

    public static TheoryData<string, Instruction> Declined() => new()
    {
        { "a register of the wrong size", Instruction.Create(Code.Mov_r64_rm64, Register.EAX, Register.RCX) },
        { "ah, which cannot sit with a REX prefix", Instruction.Create(Code.Movzx_r32_rm8, Register.R8D, Register.AH) },
        { "a form not in the table", Instruction.Create(Code.Bswap_r32, Register.EAX) },
        { "a lock prefix", WithLock(Instruction.Create(Code.Add_rm32_r32, new MemoryOperand(Register.RAX), Register.ECX)) },
        { "a segment override", Instruction.Create(Code.Mov_r64_rm64, Register.RAX, new MemoryOperand(Register.RBX, 8, 1, false, Register.FS)) },
        { "32-bit addressing", Instruction.Create(Code.Mov_r32_rm32, Register.EAX, new MemoryOperand(Register.EBX)) },
        { "an address without a base", Instruction.Create(Code.Mov_r32_rm32, Register.EAX, new MemoryOperand(Register.None, Register.RCX, 4, 16, 8)) },
        { "a displacement without a displacement size", Instruction.Create(Code.Mov_r32_rm32, Register.EAX, new MemoryOperand(Register.RBX, Register.None, 1, 16, 0)) },
        { "lea of a register", Instruction.Create(Code.Lea_r64_m, Register.RAX, Register.RCX) },
        { "an EVEX-only register", Instruction.Create(Code.Movsd_xmm_xmmm64, Register.XMM16, Register.XMM0) },
        { "a RIP-relative target out of reach", Instruction.Create(Code.Ucomisd_xmm_xmmm64, Register.XMM0, new MemoryOperand(Register.RIP, 0x1_0000_0000)) },
    };

    [Theory]
    [MemberData(nameof(Declined))]
    public void An_instruction_it_does_not_cover_exactly_is_left_to_Iced_with_nothing_written(string why, Instruction instruction)
    {
        var code = new CodeBuffer();

        int length = CommonFormEncoder.TryEncode(instruction, 0, code, out int displacement);

        Assert.True(length == 0, $"{why}: {instruction.Code} was encoded");
        Assert.Equal((0, -1), (code.Length, displacement));
    }

    /// <summary>
    /// Decodes the whole image (code, and data decoded as if it were code: more forms, prefixes and
    /// registers than the compiler emits) and re-encodes each instruction both ways at its address.
    /// </summary>
    /// <param name="minimumCoveredShare">One in how many decoded instructions the hand encoder must at least cover, or the comparison proves little.</param>
    private static void AssertImageReencodesAsIced(byte[] image, int minimumCoveredShare = 3)
    {
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(image));
        int covered = 0, total = 0;
        while (decoder.IP < (ulong)image.Length)
        {
            decoder.Decode(out Instruction instruction);
            if (instruction.Code == Code.INVALID)
                continue;
            total++;
            byte[]? ours = Ours(instruction, instruction.IP);
            if (ours is null)
                continue;
            covered++;
            Assert.True(Iced(instruction, instruction.IP).AsSpan().SequenceEqual(ours), $"{instruction} ({instruction.Code}) at 0x{instruction.IP:X}: ours {Convert.ToHexString(ours)}, Iced {Convert.ToHexString(Iced(instruction, instruction.IP))}");
        }
        Assert.InRange(covered, total / minimumCoveredShare, total);
    }

    private static byte[]? Ours(in Instruction instruction, ulong ip)
    {
        var code = new CodeBuffer();
        int length = CommonFormEncoder.TryEncode(instruction, ip, code, out _);
        Assert.Equal(length, code.Length);
        return length == 0 ? null : code.Written.ToArray();
    }

    private static byte[] Iced(in Instruction instruction, ulong ip)
    {
        var stream = new MemoryStream();
        Encoder.Create(64, new StreamCodeWriter(stream)).Encode(instruction, ip);
        return stream.ToArray();
    }

    private static Instruction WithLock(Instruction instruction)
    {
        instruction.HasLockPrefix = true;
        return instruction;
    }
}
