using System.Globalization;

namespace Hyperlight.Vm;

/// <summary>
/// Where every region of one guest lives, as offsets from the start of its memory (= guest address
/// for the VM drivers). Order and flags are those of DESIGN.md §5 and docs/memory-layout.md:
/// system tables (page tables, GDT) · control page · code · call frame · stack guard · stack ·
/// data (globals/tables) · linear memory · linear-memory guard, then, for a guest whose linked
/// modules own several linear memories, each further memory followed by its own guard.
/// </summary>
internal sealed class GuestLayout
{
    public const ulong PageSize = MicroVmOptions.PageSize;

    /// <summary>The page tables map everything below 512 GiB with one PDPT.</summary>
    private const ulong MaxAddressSpace = 512UL << 30;

    private const int FirstMemoryRegion = 7;

    private readonly ulong[] _memoryInitialSizes;

    private GuestLayout(GuestRegion[] regions, int pageTablePages, ulong stubsOffset, ulong[] memoryInitialSizes, ulong stackLimitMargin, bool noExecute)
    {
        Regions = regions;
        StubsOffset = stubsOffset;
        PageTablePages = pageTablePages;
        _memoryInitialSizes = memoryInitialSizes;
        StackLimit = Stack.Offset + stackLimitMargin;
        NoExecute = noExecute;
    }

    /// <summary>All regions in address order, contiguous from 0 to <see cref="TotalSize"/>.</summary>
    public IReadOnlyList<GuestRegion> Regions { get; }

    public GuestRegion SystemTables => Regions[0];
    public GuestRegion Control => Regions[1];
    public GuestRegion Code => Regions[2];
    public GuestRegion CallFrame => Regions[3];
    public GuestRegion StackGuard => Regions[4];
    public GuestRegion Stack => Regions[5];
    public GuestRegion Data => Regions[6];
    /// <summary>Linear memory 0's whole reservation (its maximum); <see cref="LinearMemoryInitialSize"/> of it is in use at start.</summary>
    public GuestRegion LinearMemory => Regions[FirstMemoryRegion];
    public GuestRegion LinearMemoryGuard => Regions[FirstMemoryRegion + 1];

    /// <summary>Linear memories, memory 0 included (a guest without memory still has an empty memory 0).</summary>
    public int MemoryCount => _memoryInitialSizes.Length;

    /// <summary>Linear memory <paramref name="memory"/>'s whole reservation.</summary>
    public GuestRegion Memory(int memory) => Regions[FirstMemoryRegion + (2 * memory)];

    /// <summary>Bytes of linear memory <paramref name="memory"/> in use at start.</summary>
    public ulong MemoryInitialSize(int memory) => _memoryInitialSizes[memory];

    /// <summary>The end of the last mapped region: the last linear memory (only its guard follows).</summary>
    public ulong MappedEnd => Memory(MemoryCount - 1).End;

    /// <summary>The PML4 (CR3); the PDPT, page directories and page tables follow it.</summary>
    public ulong PageTableBase => SystemTables.Offset;

    /// <summary>Pages of page tables (PML4 + PDPT + page directories + page tables).</summary>
    public int PageTablePages { get; }

    /// <summary>The GDT: the last page of the system tables.</summary>
    public ulong GdtBase => SystemTables.End - PageSize;

    /// <summary>Where the driver's stubs start: after the image code, 16-byte aligned.</summary>
    public ulong StubsOffset { get; }

    public ulong StackTop => Stack.End;

    /// <summary>Lowest RSP compiled code may use (<see cref="ControlPage.StackLimit"/>).</summary>
    public ulong StackLimit { get; }

    public ulong LinearMemoryInitialSize => _memoryInitialSizes[0];

    public bool NoExecute { get; }

    public ulong Efer => Drivers.GuestCpuState.EferBase | (NoExecute ? Drivers.GuestCpuState.EferNoExecute : 0);

    public ulong TotalSize => Regions[^1].End;

    /// <summary>Lays out a guest, or explains with numbers why it cannot be laid out.</summary>
    public static GuestLayout Create(GuestLayoutRequest request, MicroVmOptions options)
    {
        Validate(request, options);
        ulong imageCode = AlignStubs((ulong)request.ImageCodeSize);
        ulong code = RoundUp(imageCode + (ulong)request.StubsSize);
        ulong frame = RoundUp((ulong)request.CallFrameSize);
        ulong data = RoundUp((ulong)Math.Max(request.DataSize, 1));
        LinearMemoryRequest[] memories = [.. request.Memories];
        ulong guard = (ulong)options.LinearMemoryGuardSize;
        ulong linear = 0;
        foreach (LinearMemoryRequest memory in memories)
            linear += RoundUp((ulong)memory.Reserve);
        // Mapped: everything but the system tables and the last guard.
        ulong fixedSize = PageSize + code + frame + (ulong)options.StackGuardSize + (ulong)options.StackSize + data + linear + ((ulong)(memories.Length - 1) * guard);

        // The page tables' size depends on how much they map, which includes themselves: iterate to the fixed point.
        int systemPages = 0;
        int pageTablePages;
        while (true)
        {
            ulong mappedEnd = ((ulong)systemPages * PageSize) + fixedSize;
            pageTablePages = 2 + (int)DivideRoundingUp(mappedEnd, 1UL << 30) + (int)DivideRoundingUp(mappedEnd, 2UL << 20);
            if (pageTablePages + 1 <= systemPages)
                break;
            systemPages = pageTablePages + 1;
        }

        var regions = new GuestRegion[FirstMemoryRegion + (2 * memories.Length)];
        ulong at = 0;
        Add(ref at, regions, 0, "system tables", (ulong)systemPages * PageSize, RegionAccess.Unmapped);
        Add(ref at, regions, 1, "control page", PageSize, RegionAccess.ReadWrite);
        Add(ref at, regions, 2, "code", code, RegionAccess.ReadExecute);
        Add(ref at, regions, 3, "call frame", frame, RegionAccess.ReadWrite);
        Add(ref at, regions, 4, "stack guard", (ulong)options.StackGuardSize, RegionAccess.Unmapped);
        Add(ref at, regions, 5, "stack", (ulong)options.StackSize, RegionAccess.ReadWrite);
        Add(ref at, regions, 6, "data", data, RegionAccess.ReadWrite);
        for (int m = 0; m < memories.Length; m++)
        {
            string name = m == 0 ? "linear memory" : string.Create(CultureInfo.InvariantCulture, $"linear memory {m}");
            Add(ref at, regions, FirstMemoryRegion + (2 * m), name, RoundUp((ulong)memories[m].Reserve), RegionAccess.ReadWrite);
            Add(ref at, regions, FirstMemoryRegion + (2 * m) + 1, name + " guard", guard, RegionAccess.Unmapped);
        }

        if (at > (ulong)options.MaxGuestMemoryBytes)
            throw new SandboxConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"The guest memory layout does not fit: it needs {at} bytes ({Describe(regions)}) but MicroVmOptions.MaxGuestMemoryBytes is {options.MaxGuestMemoryBytes}. Lower SandboxOptions.MemoryLimitBytes or CallFrameSize, or raise MaxGuestMemoryBytes."));
        return new GuestLayout(regions, pageTablePages, regions[2].Offset + imageCode, [.. memories.Select(m => (ulong)m.Initial)], (ulong)options.StackLimitMargin, options.NoExecuteData);
    }

    /// <summary>The region holding [offset, offset + length), or null when it straddles regions or lies outside.</summary>
    public GuestRegion? RegionOf(ulong offset, ulong length)
    {
        foreach (GuestRegion region in Regions)
        {
            if (region.Contains(offset, length))
                return region;
        }
        return null;
    }

    public override string ToString() => Describe((GuestRegion[])Regions);

    private static void Add(ref ulong at, GuestRegion[] regions, int index, string name, ulong size, RegionAccess access)
    {
        regions[index] = new GuestRegion(name, at, size, access);
        at += size;
    }

    private static string Describe(GuestRegion[] regions) =>
        string.Join(", ", regions.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Name} {r.Size} at 0x{r.Offset:x}")));

    private static void Validate(GuestLayoutRequest request, MicroVmOptions options)
    {
        RequirePages(nameof(MicroVmOptions.StackSize), options.StackSize, minimum: 4 * (long)PageSize);
        RequirePages(nameof(MicroVmOptions.StackGuardSize), options.StackGuardSize, minimum: (long)PageSize);
        RequirePages(nameof(MicroVmOptions.LinearMemoryGuardSize), options.LinearMemoryGuardSize, minimum: 0);
        if (options.StackLimitMargin < 0 || options.StackLimitMargin > options.StackSize / 2 || options.StackLimitMargin % 16 != 0)
            throw Invalid($"MicroVmOptions.StackLimitMargin is {options.StackLimitMargin}; it must be a multiple of 16 between 0 and half of StackSize ({options.StackSize / 2}).");
        if (options.MaxGuestMemoryBytes <= 0 || (ulong)options.MaxGuestMemoryBytes > MaxAddressSpace)
            throw Invalid($"MicroVmOptions.MaxGuestMemoryBytes is {options.MaxGuestMemoryBytes}; it must be positive and at most {MaxAddressSpace} (512 GiB).");
        if (request.ImageCodeSize <= 0)
            throw Invalid($"The guest image has {request.ImageCodeSize} bytes of code; it needs at least its entry point.");
        if (request.CallFrameSize < CallFrameLayout.MinimumSize || request.CallFrameSize > int.MaxValue)
            throw Invalid($"The call frame size is {request.CallFrameSize} bytes; it must be between {CallFrameLayout.MinimumSize} and {int.MaxValue}.");
        if (request.DataSize < 0)
            throw Invalid($"The guest image's data region size is {request.DataSize}; it cannot be negative.");
        if (request.AdditionalMemories.Count >= ControlPage.MaxMemories)
            throw Invalid($"The guest has {request.AdditionalMemories.Count + 1} linear memories; at most {ControlPage.MaxMemories} are supported.");
        // Each region must fit on its own before the sum is checked, so the sum cannot overflow.
        long max = options.MaxGuestMemoryBytes;
        if (request.ImageCodeSize > max || request.DataSize > max)
            throw Invalid($"A guest region alone exceeds MicroVmOptions.MaxGuestMemoryBytes ({max}): code {request.ImageCodeSize}, data {request.DataSize} bytes.");
        foreach (LinearMemoryRequest memory in request.Memories)
        {
            if (memory.Initial < 0 || memory.Reserve < memory.Initial)
                throw Invalid($"The guest needs {memory.Initial} bytes of linear memory at start but only {memory.Reserve} may be mapped. Raise SandboxOptions.MemoryLimitBytes.");
            if (memory.Reserve > max)
                throw Invalid($"A guest region alone exceeds MicroVmOptions.MaxGuestMemoryBytes ({max}): linear memory {memory.Reserve} bytes.");
        }
    }

    private static void RequirePages(string name, long value, long minimum)
    {
        if (value < minimum || value % (long)PageSize != 0)
            throw Invalid($"MicroVmOptions.{name} is {value}; it must be a multiple of {PageSize} and at least {minimum}.");
    }

    private static SandboxConfigurationException Invalid(string message) => new(message);

    private static ulong AlignStubs(ulong value) => (value + 15) & ~15UL;

    private static ulong RoundUp(ulong value) => (value + PageSize - 1) & ~(PageSize - 1);

    private static ulong DivideRoundingUp(ulong value, ulong unit) => (value + unit - 1) / unit;
}
