namespace Hyperlight.Vm;

/// <summary>
/// Writes the guest's 4-level page tables and GDT into the system-tables region: an identity map
/// with 4 KiB pages of every region except the unmapped ones (docs/memory-layout.md, "Page tables").
/// </summary>
internal static unsafe class PageTableWriter
{
    private const ulong Present = 1UL << 0;
    private const ulong Writable = 1UL << 1;
    private const ulong User = 1UL << 2;
    private const ulong NoExecute = 1UL << 63;

    /// <summary>Upper levels allow everything; the leaf entries decide (the CPU combines levels with AND).</summary>
    private const ulong Directory = Present | Writable | User;

    private const int EntriesPerTable = 512;

    // GDT descriptors with the accessed bit already set, so the CPU never writes the read-only GDT page.
    private const ulong KernelCode64 = 0x00AF_9B00_0000_FFFF;
    private const ulong KernelData = 0x00CF_9300_0000_FFFF;
    private const ulong UserCode32 = 0x00CF_FB00_0000_FFFF;
    private const ulong UserData = 0x00CF_F300_0000_FFFF;
    private const ulong UserCode64 = 0x00AF_FB00_0000_FFFF;

    /// <summary>Size of the GDT the drivers load (GDTR limit + 1): null, kernel code/data, user code32/data/code64.</summary>
    public const int GdtSize = 7 * 8;

    public static void Write(byte* memory, GuestLayout layout)
    {
        ulong* tables = (ulong*)(memory + layout.PageTableBase);
        ulong mappedEnd = layout.MappedEnd;
        int directories = (int)((mappedEnd + (1UL << 30) - 1) >> 30);
        int pageTables = (int)((mappedEnd + (2UL << 20) - 1) >> 21);

        // Table pages in order: PML4, PDPT, directories, page tables.
        ulong pml4 = layout.PageTableBase;
        ulong pdpt = pml4 + GuestLayout.PageSize;
        ulong firstDirectory = pdpt + GuestLayout.PageSize;
        ulong firstPageTable = firstDirectory + ((ulong)directories * GuestLayout.PageSize);
        new Span<byte>(tables, layout.PageTablePages * (int)GuestLayout.PageSize).Clear();

        Entry(memory, pml4, 0) = pdpt | Directory;
        for (int d = 0; d < directories; d++)
            Entry(memory, pdpt, d) = (firstDirectory + ((ulong)d * GuestLayout.PageSize)) | Directory;
        for (int t = 0; t < pageTables; t++)
            Entry(memory, firstDirectory, t) = (firstPageTable + ((ulong)t * GuestLayout.PageSize)) | Directory; // directories are contiguous

        ulong noExecute = layout.NoExecute ? NoExecute : 0;
        foreach (GuestRegion region in layout.Regions)
        {
            ulong flags = region.Access switch
            {
                RegionAccess.ReadExecute => Present | User,
                RegionAccess.ReadWrite => Present | Writable | User | noExecute,
                _ => 0,
            };
            if (flags == 0)
                continue;
            for (ulong page = region.Offset; page < region.End; page += GuestLayout.PageSize)
                Entry(memory, firstPageTable, (int)(page >> 12)) = page | flags;
        }

        // The GDT page: present for the CPU's descriptor loads, invisible to CPL 3.
        Entry(memory, firstPageTable, (int)(layout.GdtBase >> 12)) = layout.GdtBase | Present | noExecute;
        WriteGdt((ulong*)(memory + layout.GdtBase));
    }

    private static void WriteGdt(ulong* gdt)
    {
        new Span<ulong>(gdt, EntriesPerTable).Clear();
        gdt[2] = KernelCode64; // 0x10
        gdt[3] = KernelData;   // 0x18
        gdt[4] = UserCode32;   // 0x23
        gdt[5] = UserData;     // 0x2b
        gdt[6] = UserCode64;   // 0x33
    }

    /// <summary>Entry <paramref name="index"/> counted from the table page at <paramref name="table"/> (indices past 511 continue into the next, contiguous table page).</summary>
    private static ref ulong Entry(byte* memory, ulong table, int index) => ref ((ulong*)(memory + table))[index];
}
