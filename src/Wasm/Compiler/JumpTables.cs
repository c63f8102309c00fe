using System.Buffers.Binary;
using Hyperlight.Wasm.Compiler.Emission;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// Tables of 32-bit offsets relative to the table's own start, placed in the code and filled in
/// after assembly (when label addresses are known). They keep indirect jumps and calls
/// position-independent: target = table + table[i].
/// </summary>
internal sealed class JumpTables(Assembler asm)
{
    private readonly List<(Label Table, Label[] Targets, int Stride)> _tables = [];

    /// <summary>
    /// Emits an indirect jump through a new table: <paramref name="index"/> (already range-checked,
    /// zero-extended) selects the target. Clobbers R10 and R11.
    /// </summary>
    public void EmitJump(Gpr index, Label[] targets)
    {
        Label table = asm.CreateLabel();
        asm.lea(r11, __[table]);
        asm.movsxd(r10, __dword_ptr[r11 + (Registers.Q(index) * 4)]);
        asm.add(r11, r10);
        asm.jmp(r11);
        asm.Bind(ref table);
        asm.db(new byte[4 * targets.Length]);
        _tables.Add((table, targets, 4));
    }

    /// <summary>
    /// Emits a data table at <paramref name="table"/> with one 8-byte entry per target: a 32-bit
    /// relative offset followed by a 32-bit tag.
    /// </summary>
    public void EmitTaggedTable(Label table, Label[] targets, uint[] tags)
    {
        asm.Bind(ref table);
        var bytes = new byte[8 * targets.Length];
        for (int i = 0; i < tags.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((8 * i) + 4), tags[i]);
        if (bytes.Length > 0)
            asm.db(bytes);
        else
            asm.int3();
        _tables.Add((table, targets, 8));
    }

    /// <summary>Writes every table's offsets into the assembled code.</summary>
    public void Patch(LabelOffsets labels, byte[] code)
    {
        foreach (var (table, targets, stride) in _tables)
        {
            int tableOffset = labels[table];
            for (int i = 0; i < targets.Length; i++)
                BinaryPrimitives.WriteInt32LittleEndian(code.AsSpan(tableOffset + (stride * i)), labels[targets[i]] - tableOffset);
        }
    }
}
