namespace Hyperlight.Wasm.Binary;

/// <summary>Text-format mnemonics of the opcodes, for error messages.</summary>
internal static class OpcodeNames
{
    private static readonly string?[] SingleByte = BuildSingleByte();

    private static readonly string[] Misc =
    [
        "i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u", "i32.trunc_sat_f64_s",
        "i32.trunc_sat_f64_u", "i64.trunc_sat_f32_s", "i64.trunc_sat_f32_u",
        "i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u", "memory.init",
        "data.drop", "memory.copy", "memory.fill",
        "table.init", "elem.drop", "table.copy",
        "table.grow", "table.size", "table.fill",
    ];

    /// <summary>The mnemonic of a single-byte opcode, or null if Wasm 2.0 has no such instruction.</summary>
    public static string? Name(byte opcode) => SingleByte[opcode];

    /// <summary>The mnemonic of a 0xFC-prefixed instruction, or null if Wasm 2.0 has no such instruction.</summary>
    public static string? MiscName(uint subOpcode) => subOpcode < (uint)Misc.Length ? Misc[subOpcode] : null;

    /// <summary>"i32.add (0x6a)" for a known opcode, "unknown opcode 0x06" otherwise.</summary>
    public static string Describe(byte opcode) =>
        SingleByte[opcode] is { } name ? $"{name} (0x{opcode:x2})" : $"unknown opcode 0x{opcode:x2}";

    private static string?[] BuildSingleByte()
    {
        var names = new string?[256];
        Fill(names, 0x00, "unreachable nop block loop if else");
        Fill(names, 0x0B, "end br br_if br_table return call");
        Fill(names, 0x11, "call_indirect");
        Fill(names, 0x1A, "drop select select");
        Fill(names, 0x20, "local.get local.set local.tee global.get global.set table.get");
        Fill(names, 0x26, "table.set");
        Fill(names, 0x28, "i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u");
        Fill(names, 0x2E, "i32.load16_s i32.load16_u i64.load8_s i64.load8_u i64.load16_s i64.load16_u");
        Fill(names, 0x34, "i64.load32_s i64.load32_u i32.store i64.store f32.store f64.store");
        Fill(names, 0x3A, "i32.store8 i32.store16 i64.store8 i64.store16 i64.store32 memory.size");
        Fill(names, 0x40, "memory.grow i32.const i64.const f32.const f64.const i32.eqz");
        Fill(names, 0x46, "i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u");
        Fill(names, 0x4C, "i32.le_s i32.le_u i32.ge_s i32.ge_u i64.eqz i64.eq");
        Fill(names, 0x52, "i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s");
        Fill(names, 0x58, "i64.le_u i64.ge_s i64.ge_u f32.eq f32.ne f32.lt");
        Fill(names, 0x5E, "f32.gt f32.le f32.ge f64.eq f64.ne f64.lt");
        Fill(names, 0x64, "f64.gt f64.le f64.ge i32.clz i32.ctz i32.popcnt");
        Fill(names, 0x6A, "i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s");
        Fill(names, 0x70, "i32.rem_u i32.and i32.or i32.xor i32.shl i32.shr_s");
        Fill(names, 0x76, "i32.shr_u i32.rotl i32.rotr i64.clz i64.ctz i64.popcnt");
        Fill(names, 0x7C, "i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s");
        Fill(names, 0x82, "i64.rem_u i64.and i64.or i64.xor i64.shl i64.shr_s");
        Fill(names, 0x88, "i64.shr_u i64.rotl i64.rotr f32.abs f32.neg f32.ceil");
        Fill(names, 0x8E, "f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub");
        Fill(names, 0x94, "f32.mul f32.div f32.min f32.max f32.copysign f64.abs");
        Fill(names, 0x9A, "f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt");
        Fill(names, 0xA0, "f64.add f64.sub f64.mul f64.div f64.min f64.max");
        Fill(names, 0xA6, "f64.copysign i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u");
        Fill(names, 0xAC, "i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u");
        Fill(names, 0xB2, "f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64 f64.convert_i32_s");
        Fill(names, 0xB8, "f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32 i32.reinterpret_f32 i64.reinterpret_f64");
        Fill(names, 0xBE, "f32.reinterpret_i32 f64.reinterpret_i64 i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s");
        Fill(names, 0xC4, "i64.extend32_s");
        Fill(names, 0xD0, "ref.null ref.is_null ref.func");
        return names;
    }

    /// <summary>Assigns space-separated mnemonics to consecutive opcodes.</summary>
    private static void Fill(string?[] names, int first, string mnemonics)
    {
        foreach (string mnemonic in mnemonics.Split(' '))
            names[first++] = mnemonic;
    }
}
