using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Kvm.Native;

/// <summary>
/// The real-time signal that kicks a vCPU thread out of <c>KVM_RUN</c>. Its handler does nothing:
/// what matters is that a handled signal makes the blocked ioctl return <c>EINTR</c> (installed
/// without <c>SA_RESTART</c>, so other blocking calls return too rather than silently resuming).
/// </summary>
internal static unsafe class KickSignal
{
    private static readonly Lock _installLock = new();
    private static int _number;

    /// <summary>The signal number, installing the handler on first use (thread-safe).</summary>
    public static int Number
    {
        get
        {
            int number = Volatile.Read(ref _number);
            return number != 0 ? number : Install();
        }
    }

    /// <summary>Sends the kick to a thread recorded with <see cref="LibC.PthreadSelf"/>; false if it no longer exists.</summary>
    public static bool Send(nuint thread) => LibC.PthreadKill(thread, Number) == 0;

    private static int Install()
    {
        lock (_installLock)
        {
            if (_number != 0)
                return _number;
            nint handler = CreateNoOpHandler();
            // From the top of the real-time range down: the .NET runtime takes SIGRTMIN for its own
            // thread activation, and libraries that pick one usually start at the bottom too.
            for (int signal = LibC.CurrentSigRtMax(); signal > LibC.CurrentSigRtMin(); signal--)
            {
                SigAction current;
                if (LibC.Sigaction(signal, null, &current) != 0 || current.Handler != SigAction.DefaultHandler)
                    continue;
                SigAction action = default;
                action.Handler = handler;
                if (LibC.Sigaction(signal, &action, null) != 0)
                    throw new KvmException($"sigaction({signal}) failed: {LibC.DescribeErrno(Marshal.GetLastPInvokeError())}.");
                Volatile.Write(ref _number, signal);
                return signal;
            }
            throw new KvmException("No free real-time signal to interrupt vCPU threads with: every one from SIGRTMIN+1 to SIGRTMAX already has a handler in this process.");
        }
    }

    /// <summary>
    /// A handler that is one native <c>ret</c> in its own executable page. A managed
    /// <c>[UnmanagedCallersOnly]</c> method would not do: entering the runtime from a signal handler
    /// is not async-signal-safe (it can wait for a garbage collection). The page lives as long as the process.
    /// </summary>
    private static nint CreateNoOpHandler()
    {
        const nuint pageSize = 4096;
        void* page = LibC.MmapAnonymous(null, pageSize, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
        if (page == LibC.MapFailed)
            throw new KvmException($"mmap of the signal-handler page failed: {LibC.DescribeErrno(Marshal.GetLastPInvokeError())}.");
        *(byte*)page = 0xC3; // ret
        if (LibC.Mprotect(page, pageSize, LibC.PROT_READ | LibC.PROT_EXEC) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            LibC.Munmap(page, pageSize);
            throw new KvmException($"mprotect of the signal-handler page failed: {LibC.DescribeErrno(errno)}.");
        }
        return (nint)page;
    }
}
