namespace Hyperlight.Vm;

/// <summary>How a region of guest memory is mapped in the guest's page tables.</summary>
internal enum RegionAccess
{
    /// <summary>Absent from the page tables: any guest access faults.</summary>
    Unmapped,
    /// <summary>User, read and execute: code.</summary>
    ReadExecute,
    /// <summary>User, read and write, no-execute when EFER.NXE is on: everything else.</summary>
    ReadWrite,
}

/// <summary>A page-aligned range of guest memory, offsets from the start of the mapping.</summary>
internal readonly record struct GuestRegion(string Name, ulong Offset, ulong Size, RegionAccess Access)
{
    public ulong End => Offset + Size;

    public bool Contains(ulong offset, ulong length) => offset >= Offset && length <= Size && offset - Offset <= Size - length;
}
