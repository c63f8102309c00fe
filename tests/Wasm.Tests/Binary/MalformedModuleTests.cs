using Hyperlight.Wasm.Validation;
using static Hyperlight.Wasm.Tests.Binary.WasmBytes;

namespace Hyperlight.Wasm.Tests.Binary;

/// <summary>Inputs that break the binary format itself; each must be a WasmCompileException that names the problem.</summary>
public class MalformedModuleTests
{
    private static readonly byte[] RealModule = Wat.ToWasm("""
        (module
          (type (func (param i32) (result i32)))
          (import "env" "f" (func (type 0)))
          (memory 1)
          (table 2 funcref)
          (global (mut i32) (i32.const 7))
          (export "g" (func 1))
          (elem (i32.const 0) func 0 1)
          (func (type 0) local.get 0 i32.const 1 i32.add call 0)
          (data (i32.const 8) "payload"))
        """);

    [Fact]
    public void A_module_cut_short_at_any_length_is_rejected_unless_it_ends_at_a_section_boundary()
    {
        var boundaries = new HashSet<int>(SectionExtents(RealModule).Select(s => s.End)) { Header.Length };
        for (int length = 0; length < RealModule.Length; length++)
        {
            byte[] prefix = RealModule[..length];
            if (boundaries.Contains(length))
            {
                // A shorter module may still be complete, but never anything but valid or WasmCompileException.
                try
                {
                    WasmModuleReader.ReadAndValidate(prefix);
                }
                catch (WasmCompileException)
                {
                }
            }
            else
            {
                var error = Assert.Throws<WasmCompileException>(() => WasmModuleReader.ReadAndValidate(prefix));
                Assert.InRange(error.ByteOffset, 0, length);
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { }, "bad magic number")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73 }, "bad magic number")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00 }, "bad magic number")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00 }, "unsupported version")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00 }, "unsupported version")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00 }, "unsupported version")]
    public void Bad_magic_or_version_is_rejected(byte[] bytes, string message) => Reject.Module(bytes, message);

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, "integer representation too long")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x1F }, "integer too large")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x10 }, "integer too large")]
    public void Bad_unsigned_leb128_is_rejected(byte[] sectionSize, string message)
    {
        var error = Reject.Module(Concat(Header, [0x01], sectionSize), message, "LEB128");
        Assert.Equal(9, error.ByteOffset);
    }

    [Fact]
    public void Non_minimal_leb128_within_the_byte_limit_is_accepted()
    {
        // The type count 1 in five bytes: padding is legal as long as it fits in ceil(32/7) bytes.
        byte[] bytes = Module([0x01, 0x08, 0x81, 0x80, 0x80, 0x80, 0x00, 0x60, 0x00, 0x00]);

        Assert.Single(WasmModuleReader.ReadAndValidate(bytes).Module.Types);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, "integer representation too long")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "integer too large")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x70 }, "integer too large")]
    public void Bad_signed_leb128_in_an_i32_const_is_rejected(byte[] immediate, string message) =>
        Reject.Module(Module([VoidTypeSection(), .. OneFunction(Concat([0x41], immediate, [0x1A, 0x0B]))]), message);

    [Fact]
    public void Leb128_cut_off_by_the_end_of_the_function_body_is_rejected() =>
        Reject.Module(Module([VoidTypeSection(), .. OneFunction(0x41, 0x80, 0x80)]), "unexpected end", "i32.const value");

    [Fact]
    public void Signed_leb128_whose_unused_bits_repeat_the_sign_is_accepted()
    {
        // i32.const -1 in five bytes: the top bits of the last byte are all ones, like the sign.
        byte[] bytes = Module([VoidTypeSection(), .. OneFunction(0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x1A, 0x0B)]);

        Assert.Single(WasmModuleReader.ReadAndValidate(bytes).Functions);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, "integer representation too long")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02 }, "integer too large")]
    public void Bad_signed_leb128_in_an_i64_const_is_rejected(byte[] immediate, string message) =>
        Reject.Module(Module([VoidTypeSection(), .. OneFunction(Concat([0x42], immediate, [0x1A, 0x0B]))]), message);

    [Fact]
    public void Sections_out_of_order_are_rejected()
    {
        var error = Reject.Module(Module(Section(3, Vec()), VoidTypeSection()), "section out of order", "type section", "function section");
        Assert.Equal(11, error.ByteOffset);
    }

    [Fact]
    public void The_data_count_section_must_come_before_the_code_section() =>
        Reject.Module(Module(Section(10, Vec()), Section(12, Leb(0))), "section out of order", "data count section");

    [Fact]
    public void Duplicate_sections_are_rejected() =>
        Reject.Module(Module(VoidTypeSection(), VoidTypeSection()), "duplicate type section");

    [Theory]
    [InlineData(13)]
    [InlineData(0x7F)]
    public void Unknown_section_ids_are_rejected(byte id) =>
        Reject.Module(Module(Section(id)), "malformed section id", $"found 0x{id:x2}");

    [Fact]
    public void A_section_larger_than_the_rest_of_the_module_is_rejected() =>
        Reject.Module(Module([0x01, 0x10, 0x00]), "section size mismatch", "declares 16 bytes");

    [Fact]
    public void A_section_whose_contents_end_before_its_declared_size_is_rejected() =>
        Reject.Module(Module([0x01, 0x05, 0x01, 0x60, 0x00, 0x00, 0x00]), "section size mismatch", "type section", "1 bytes earlier");

    [Fact]
    public void A_section_whose_contents_run_past_its_declared_size_is_rejected() =>
        Reject.Module(Module([0x01, 0x03, 0x01, 0x60, 0x00, 0x00]), "unexpected end");

    [Theory]
    [InlineData((byte)1, "types")]
    [InlineData((byte)2, "imports")]
    [InlineData((byte)3, "functions")]
    [InlineData((byte)6, "globals")]
    [InlineData((byte)7, "exports")]
    [InlineData((byte)9, "element segments")]
    [InlineData((byte)10, "function bodies")]
    [InlineData((byte)11, "data segments")]
    public void A_huge_declared_count_in_a_tiny_module_fails_fast_without_allocating(byte sectionId, string elements)
    {
        byte[] bytes = Module(Section(sectionId, Leb(uint.MaxValue)));
        long before = GC.GetAllocatedBytesForCurrentThread();

        Reject.Module(bytes, elements);

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "decoding a 15-byte module allocated more than 1 MB");
    }

    [Fact]
    public void A_count_within_limits_but_larger_than_the_input_fails_before_allocating()
    {
        byte[] bytes = Module(Section(1, Leb(900_000)));
        long before = GC.GetAllocatedBytesForCurrentThread();

        Reject.Module(bytes, "unexpected end", "900000 types declared");

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
    }

    [Fact]
    public void A_huge_local_count_is_rejected_before_allocating()
    {
        byte[] body = Concat(Vec(Concat(Leb(uint.MaxValue), [0x7F])), [0x0B]);
        byte[] bytes = Module(VoidTypeSection(), Section(3, Vec([0x00])), Section(10, Vec(Concat(Leb(body.Length), body))));
        long before = GC.GetAllocatedBytesForCurrentThread();

        Reject.Module(bytes, "too many locals", "50000");

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
    }

    [Fact]
    public void A_function_body_above_the_size_limit_is_rejected() =>
        Reject.Module(Module(VoidTypeSection(), Section(3, Vec([0x00])), Section(10, Vec(Leb(8_000_000)))), "function body 0 is 8000000 bytes", "7654321");

    [Theory]
    [InlineData(new byte[] { 0xFF }, "invalid byte")]
    [InlineData(new byte[] { 0xC0, 0x80 }, "overlong encoding of NUL")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "UTF-16 surrogate")]
    [InlineData(new byte[] { 0xE2, 0x82 }, "truncated sequence")]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, "code point above U+10FFFF")]
    public void Names_that_are_not_utf8_are_rejected(byte[] name, string problem)
    {
        byte[] export = Module(Section(7, Vec(Concat(NameBytes(name), [0x00, 0x00]))));
        byte[] custom = Module(Section(0, NameBytes(name)));
        byte[] import = Module(VoidTypeSection(), Section(2, Vec(Concat(Name("env"), NameBytes(name), [0x00, 0x00]))));

        foreach ((byte[] bytes, string where) in new[] { (export, "export name"), (custom, "custom section name"), (import, "import name") })
        {
            var error = Assert.Throws<WasmCompileException>(() => WasmModuleReader.ReadAndValidate(bytes));
            Assert.True(error.Message.Contains($"malformed UTF-8 encoding in {where}", StringComparison.Ordinal), $"{problem} in {where}: {error.Message}");
        }
    }

    [Fact]
    public void A_function_section_without_code_section_is_rejected() =>
        Reject.Module(Module(VoidTypeSection(), Section(3, Vec([0x00]))), "function and code section have inconsistent lengths");

    [Fact]
    public void Function_and_code_counts_must_agree() =>
        Reject.Module(Module(VoidTypeSection(), Section(3, Vec([0x00], [0x00])), Section(10, Vec(Body(0x0B)))), "inconsistent lengths", "2 functions declared, 1 bodies");

    [Fact]
    public void The_data_count_must_equal_the_number_of_data_segments()
    {
        Reject.Module(Module(Section(5, Vec([0x00, 0x01])), Section(12, Leb(2)), Section(11, Vec(Concat([0x01], Vec())))), "data count and data section have inconsistent lengths");
        Reject.Module(Module(Section(12, Leb(1))), "data count and data section have inconsistent lengths", "no data section");
    }

    [Theory]
    [InlineData(new byte[] { 0x08, 0x00 }, "malformed element segment flags", "found 8")]
    [InlineData(new byte[] { 0x01, 0x01, 0x00 }, "malformed element kind")]
    [InlineData(new byte[] { 0x05, 0x7F, 0x00 }, "malformed reference type")]
    [InlineData(new byte[] { 0x00, 0x41, 0x00, 0x41, 0x00, 0x6A, 0x0B, 0x00 }, "constant expression required", "end (0x0b)", "i32.const")]
    [InlineData(new byte[] { 0x00, 0x20, 0x00, 0x0B, 0x00 }, "constant expression required", "local.get (0x20)")]
    public void Malformed_element_segments_are_rejected(byte[] segment, params string[] messages) =>
        Reject.Module(Module(Section(4, Vec([0x70, 0x00, 0x01])), Section(9, Vec(segment))), messages);

    [Theory]
    [InlineData(new byte[] { 0x03, 0x00 }, "malformed data segment flags")]
    [InlineData(new byte[] { 0x01, 0x05, 0x00 }, "the data segment declares 5 bytes")]
    public void Malformed_data_segments_are_rejected(byte[] segment, string message) =>
        Reject.Module(Module(Section(5, Vec([0x00, 0x01])), Section(11, Vec(segment))), message);

    [Theory]
    [InlineData(new byte[] { 0x02, 0x00, 0x01 }, "shared memories (threads) are not supported")]
    [InlineData(new byte[] { 0x04, 0x00 }, "malformed memory limits flags")]
    public void Malformed_memory_limits_are_rejected(byte[] memory, string message) =>
        Reject.Module(Module(Section(5, Vec(memory))), message);

    [Fact]
    public void Malformed_declarations_are_rejected()
    {
        Reject.Module(Module(Section(1, Vec([0x5F, 0x00, 0x00]))), "malformed type 0", "expected a function type (0x60)");
        Reject.Module(Module(Section(1, Vec([0x60, 0x01, 0x40, 0x00]))), "malformed value type", "found 0x40");
        Reject.Module(Module(Section(1, Vec([0x60, 0x01, 0x7B, 0x00]))), "SIMD (v128) is not supported");
        Reject.Module(Module(Section(2, Vec(Concat(Name("m"), Name("n"), [0x04, 0x00])))), "malformed import kind");
        Reject.Module(Module(Section(6, Vec([0x7F, 0x02, 0x41, 0x00, 0x0B]))), "malformed mutability");
        Reject.Module(Module(Section(7, Vec(Concat(Name("e"), [0x05, 0x00])))), "malformed export kind");
        Reject.Module(Module(Section(4, Vec([0x70, 0x02, 0x00]))), "malformed table limits flags");
    }
}
