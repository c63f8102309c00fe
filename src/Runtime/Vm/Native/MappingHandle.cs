namespace Hyperlight.Vm.Native;

/// <summary>An <c>mmap</c>ed range, unmapped on dispose or by the finalizer.</summary>
internal sealed unsafe class MappingHandle : System.Runtime.InteropServices.SafeHandle
{
    private nuint _length;

    private MappingHandle() : base(LibC.MapFailed, ownsHandle: true) { }

    public override bool IsInvalid => handle == LibC.MapFailed || handle == 0;

    public byte* Address => (byte*)handle;

    public nuint Length => _length;

    /// <summary>Maps all of <paramref name="memfd"/> shared and read-write (the host's view of guest memory).</summary>
    public static MappingHandle MapShared(MemfdHandle memfd, long length)
    {
        bool added = false;
        memfd.DangerousAddRef(ref added);
        try
        {
            nint address = LibC.Mmap(0, (nuint)length, LibC.ProtRead | LibC.ProtWrite, LibC.MapShared, memfd.Fd, 0);
            if (address == LibC.MapFailed)
                throw new SandboxConfigurationException($"Cannot map {length} bytes of guest memory: mmap failed: {LibC.LastError()}");
            var mapping = new MappingHandle { _length = (nuint)length };
            mapping.SetHandle(address);
            return mapping;
        }
        finally
        {
            if (added)
                memfd.DangerousRelease();
        }
    }

    /// <summary>
    /// Replaces this mapping, at the same address, with a private copy-on-write mapping of
    /// <paramref name="memfd"/>: the file keeps today's bytes as a snapshot, later writes stay private.
    /// </summary>
    public void RemapPrivate(MemfdHandle memfd)
    {
        bool added = false;
        memfd.DangerousAddRef(ref added);
        try
        {
            nint address = LibC.Mmap(handle, _length, LibC.ProtRead | LibC.ProtWrite, LibC.MapPrivate | LibC.MapFixed, memfd.Fd, 0);
            if (address == LibC.MapFailed)
                throw new InvalidOperationException($"Cannot snapshot guest memory: mmap(MAP_PRIVATE | MAP_FIXED) failed: {LibC.LastError()}");
        }
        finally
        {
            if (added)
                memfd.DangerousRelease();
        }
    }

    protected override bool ReleaseHandle() => LibC.Munmap(handle, _length) == 0;
}
