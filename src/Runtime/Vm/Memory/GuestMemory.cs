using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Native;

namespace Hyperlight.Vm;

/// <summary>
/// One sandbox's memory: a memfd mapped once into the host, laid out by a <see cref="GuestLayout"/>.
/// VM drivers hand the whole mapping to the vCPU as guest-physical memory from address 0 (identity
/// mapped by the page tables written here); the in-process driver runs the code where it lies.
/// The fd and the mapping are SafeHandles: released on <see cref="Dispose"/> or, if that is
/// forgotten, by their finalizers.
/// </summary>
internal sealed unsafe class GuestMemory : IDisposable
{
    private readonly MemfdHandle _memfd;
    private readonly MappingHandle _mapping;
    private bool _hasSnapshot;

    private GuestMemory(GuestLayout layout, GuestAddressing addressing, MemfdHandle memfd, MappingHandle mapping)
    {
        Layout = layout;
        Addressing = addressing;
        _memfd = memfd;
        _mapping = mapping;
        GuestBase = addressing == GuestAddressing.HostProcess ? (ulong)mapping.Address : 0;
    }

    public GuestLayout Layout { get; }

    public GuestAddressing Addressing { get; }

    /// <summary>The host's view of offset 0.</summary>
    public byte* HostAddress => _mapping.Address;

    public ulong Size => Layout.TotalSize;

    /// <summary>The guest address of offset 0: 0 for VM drivers, <see cref="HostAddress"/> in-process.</summary>
    public ulong GuestBase { get; }

    /// <summary>Maps fresh zeroed memory for <paramref name="layout"/>; VM addressing also gets its page tables and GDT.</summary>
    public static GuestMemory Create(GuestLayout layout, GuestAddressing addressing)
    {
        MemfdHandle memfd = MemfdHandle.Create("hyperlight-guest", (long)layout.TotalSize, executable: addressing == GuestAddressing.HostProcess);
        MappingHandle? mapping = null;
        try
        {
            mapping = MappingHandle.MapShared(memfd, (long)layout.TotalSize);
            var memory = new GuestMemory(layout, addressing, memfd, mapping);
            if (addressing == GuestAddressing.VirtualMachine)
                PageTableWriter.Write(mapping.Address, layout);
            else
                memory.ProtectUnmappedRegions();
            return memory;
        }
        catch
        {
            mapping?.Dispose();
            memfd.Dispose();
            throw;
        }
    }

    public ulong GuestAddress(ulong offset) => GuestBase + offset;

    public byte* Pointer(ulong offset) => HostAddress + offset;

    public Span<byte> RegionSpan(GuestRegion region) => new(Pointer(region.Offset), checked((int)region.Size));

    /// <summary>
    /// Makes the code region executable and read-only in the host (in-process addressing: the CPU runs
    /// it from here). VM addressing needs nothing: the guest's page tables already say read/execute.
    /// </summary>
    public void SealCode()
    {
        if (Addressing != GuestAddressing.HostProcess)
            return;
        GuestRegion code = Layout.Code;
        if (LibC.Mprotect((nint)Pointer(code.Offset), (nuint)code.Size, LibC.ProtRead | LibC.ProtExec) != 0)
            throw new SandboxConfigurationException($"Cannot make the guest code executable in-process: mprotect failed: {LibC.LastError()}. The in-process driver needs executable anonymous memory (check vm.memfd_noexec and SELinux policy).");
    }

    /// <summary>
    /// Copies guest bytes at <paramref name="guestAddress"/> into <paramref name="destination"/>, stopping at
    /// the end of the region they start in; only regions the guest can see are read, so this never
    /// touches a host guard page. Returns how many bytes were copied (0 for an address outside them).
    /// </summary>
    public int ReadGuestBytes(ulong guestAddress, Span<byte> destination)
    {
        ulong offset = guestAddress - GuestBase;
        if (guestAddress < GuestBase || Layout.RegionOf(offset, 1) is not { } region || region.Access is RegionAccess.Unmapped)
            return 0;
        int count = (int)Math.Min((ulong)destination.Length, region.End - offset);
        new ReadOnlySpan<byte>(Pointer(offset), count).CopyTo(destination);
        return count;
    }

    /// <summary>
    /// Freezes the current contents as the snapshot (DESIGN.md §5 "Lifecycle"): the mapping becomes a
    /// private copy-on-write view of the memfd at the same address, so drivers keep their pointers and
    /// <see cref="RestoreSnapshot"/> costs what was written since, not the memory size.
    /// </summary>
    public void TakeSnapshot()
    {
        _mapping.RemapPrivate(_memfd);
        if (Addressing == GuestAddressing.HostProcess)
        {
            SealCode();
            ProtectUnmappedRegions();
        }
        _hasSnapshot = true;
    }

    public bool HasSnapshot => _hasSnapshot;

    /// <summary>Drops every page written since <see cref="TakeSnapshot"/>; the guest sees the snapshot's bytes again.</summary>
    public void RestoreSnapshot()
    {
        if (!_hasSnapshot)
            throw new InvalidOperationException("Guest memory has no snapshot to restore.");
        foreach (GuestRegion region in Layout.Regions)
        {
            if (region.Access == RegionAccess.ReadWrite
                && LibC.Madvise((nint)Pointer(region.Offset), (nuint)region.Size, LibC.MadvDontNeed) != 0)
                throw new InvalidOperationException($"Cannot restore the guest's {region.Name}: madvise(MADV_DONTNEED) failed: {LibC.LastError()}");
        }
    }

    public void Dispose()
    {
        _mapping.Dispose();
        _memfd.Dispose();
    }

    /// <summary>In-process there are no page tables: the host mapping itself must make guard regions fault.</summary>
    private void ProtectUnmappedRegions()
    {
        foreach (GuestRegion region in Layout.Regions)
        {
            if (region.Access == RegionAccess.Unmapped && region.Size != 0
                && LibC.Mprotect((nint)Pointer(region.Offset), (nuint)region.Size, LibC.ProtNone) != 0)
                throw new SandboxConfigurationException($"Cannot protect the guest's {region.Name}: mprotect failed: {LibC.LastError()}");
        }
    }
}
