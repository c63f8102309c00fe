using Microsoft.Win32.SafeHandles;

namespace Hyperlight.Vm.Native;

/// <summary>An anonymous memory file (memfd), closed on dispose or by the finalizer.</summary>
internal sealed class MemfdHandle : SafeHandleMinusOneIsInvalid
{
    private MemfdHandle() : base(ownsHandle: true) { }

    public int Fd => (int)handle;

    /// <summary>Creates a memfd of <paramref name="size"/> bytes (sparse: pages cost nothing until touched).</summary>
    public static MemfdHandle Create(string name, long size, bool executable)
    {
        int fd = -1;
        if (executable)
        {
            fd = LibC.MemfdCreate(name, LibC.MfdCloexec | LibC.MfdExec);
            if (fd < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != LibC.EInval)
                throw new SandboxConfigurationException($"memfd_create failed: {LibC.LastError()}");
        }
        if (fd < 0)
            fd = LibC.MemfdCreate(name, LibC.MfdCloexec);
        if (fd < 0)
            throw new SandboxConfigurationException($"memfd_create failed: {LibC.LastError()}");

        var memfd = new MemfdHandle();
        memfd.SetHandle(fd);
        if (LibC.Ftruncate(fd, size) != 0)
        {
            string error = LibC.LastError();
            memfd.Dispose();
            throw new SandboxConfigurationException($"Cannot size guest memory to {size} bytes: ftruncate failed: {error}");
        }
        return memfd;
    }

    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}
