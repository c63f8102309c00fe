namespace Hyperlight;

/// <summary>
/// Offsets of the control page, the one page of guest memory through which the host tells the guest
/// where everything is and the guest reports traps (docs/memory-layout.md, docs/abi.md). The guest
/// receives the control page's address in RDI at entry. All fields are little-endian u64 unless noted.
/// </summary>
public static class ControlPage
{
    public const uint MagicValue = 0x50434C48; // "HLCP"
    /// <summary>2: descriptors of further linear memories (<see cref="AdditionalMemories"/>).</summary>
    public const uint CurrentVersion = 2;

    /// <summary>u32 magic, u32 version.</summary>
    public const int Magic = 0x00;
    public const int Version = 0x04;
    /// <summary>Guest address and size of the call frame.</summary>
    public const int CallFrameAddress = 0x08;
    public const int CallFrameSize = 0x10;
    /// <summary>Address the guest calls to reach the host (VM drivers: a stub that executes <c>out</c>; in-process: a stub that calls <see cref="HostCallFunctionPointer"/>).</summary>
    public const int HostCallEntry = 0x18;
    /// <summary>In-process driver only: the host's <c>[UnmanagedCallersOnly]</c> callback.</summary>
    public const int HostCallFunctionPointer = 0x20;
    /// <summary>Lowest RSP the guest may use; function prologues compare against it.</summary>
    public const int StackLimit = 0x28;
    /// <summary>u32: non-zero when the host asks the guest to stop (polled at loop headers and function entries).</summary>
    public const int InterruptFlag = 0x30;
    /// <summary>RSP at guest entry, so a trap or failed host call can unwind to the entry stub.</summary>
    public const int EntryStackPointer = 0x38;

    /// <summary>Trap record: u32 <see cref="TrapKind"/>, u32 Wasm function index, u32 code offset, u32 reserved, u64 guest RIP.</summary>
    public const int TrapKindField = 0x40;
    public const int TrapFunctionIndex = 0x44;
    public const int TrapCodeOffset = 0x48;
    public const int TrapRip = 0x50;

    /// <summary>Address the guest jumps to when a call is done (VM drivers: <c>out</c> to the return port; in-process: return to the host).</summary>
    public const int ReturnEntry = 0x58;
    /// <summary>Address the guest jumps to after writing the trap record.</summary>
    public const int TrapEntry = 0x60;

    /// <summary>Region table: guest addresses the host fills in when it lays out memory.</summary>
    public const int CodeBase = 0x80;
    public const int CodeSize = 0x88;
    public const int StackTop = 0x90;
    public const int GlobalsBase = 0x98;
    public const int LinearMemoryBase = 0xA0;
    /// <summary>Current linear-memory size in bytes, and its maximum (memory.grow may not pass it).</summary>
    public const int LinearMemorySize = 0xA8;
    public const int LinearMemoryMaximum = 0xB0;

    /// <summary>
    /// A link unit whose modules own several linear memories: memory 0 is described by the three
    /// fields above, memory k ≥ 1 by the descriptor at <see cref="MemoryBase"/>(k), laid out the same
    /// way (base and maximum written by the host before every call, size by the host at load and then
    /// by the guest's memory.grow).
    /// </summary>
    public const int AdditionalMemories = 0x100;
    public const int MemoryDescriptorSize = 24;

    /// <summary>Most linear memories one guest may have (memory 0 included).</summary>
    public const int MaxMemories = 32;

    /// <summary>Offsets from here to the end of the page are free for the image's own runtime data.</summary>
    public const int ImageDataStart = AdditionalMemories + ((MaxMemories - 1) * MemoryDescriptorSize);
    public const int Size = 4096;

    /// <summary>Offset of linear memory <paramref name="memory"/>'s base address field.</summary>
    public static int MemoryBase(int memory) =>
        memory == 0 ? LinearMemoryBase : AdditionalMemories + ((memory - 1) * MemoryDescriptorSize);

    /// <summary>Offset of linear memory <paramref name="memory"/>'s current size in bytes.</summary>
    public static int MemorySize(int memory) => MemoryBase(memory) + 8;

    /// <summary>Offset of linear memory <paramref name="memory"/>'s mapped maximum in bytes.</summary>
    public static int MemoryMaximum(int memory) => MemoryBase(memory) + 16;
}
