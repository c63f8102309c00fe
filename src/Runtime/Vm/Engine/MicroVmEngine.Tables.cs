using System.Runtime.CompilerServices;
using Hyperlight.Images;

namespace Hyperlight.Vm.Engine;

/// <summary>
/// Exported tables on the micro-VM, read and written in their data-region cells (docs/abi.md,
/// "How each engine carries values"). The guest writes the size cell (table.grow) and the elements
/// (table.set, table.init, ...), so both are untrusted: a size beyond the capacity the image
/// reserved, or an element no valid guest could have stored, is a <see cref="GuestProtocolException"/>.
/// Elements cross as the same slot values as call arguments and results (<see cref="ToSlot"/>,
/// <see cref="FromSlot"/>), so a funcref read here is interchangeable with one from a call.
/// </summary>
internal sealed unsafe partial class MicroVmEngine
{
    public long GetTableSize(string export)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (long)TableSize(UntypedExports.ExportedTable(export).Table);
    }

    public WasmValue GetTableElement(string export, long index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        (WasmExportInfo info, GuestTable table) = UntypedExports.ExportedTable(export);
        return FromSlot(info.Results[0], Unsafe.ReadUnaligned<ulong>(ElementCell(table, index)));
    }

    public void SetTableElement(string export, long index, WasmValue value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        (WasmExportInfo info, GuestTable table) = UntypedExports.ExportedTable(export);
        WasmExportTable.CheckTableWrite(info, value);
        byte* cell = ElementCell(table, index);
        Unsafe.WriteUnaligned(cell, ToSlot(value));
    }

    /// <summary>The table's current size as the guest last wrote it, checked against the capacity that bounds its cells.</summary>
    private ulong TableSize(GuestTable table)
    {
        ulong size = Unsafe.ReadUnaligned<ulong>(DataRegion + table.Offset);
        if (size > table.Capacity)
            throw new GuestProtocolException($"The guest set the size of table '{table.Name}' to {size}, beyond the {table.Capacity} elements reserved for it.");
        return size;
    }

    private byte* ElementCell(GuestTable table, long index)
    {
        WasmExportTable.CheckIndex(table.Name, index, (long)TableSize(table));
        return DataRegion + table.Offset + (sizeof(ulong) * (1 + index));
    }
}
