using System.Runtime.InteropServices;
using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Tests.Kvm;

/// <summary>
/// The vCPU kick without KVM: the same signal must pull a thread out of any blocking system call with
/// <c>EINTR</c>, which is what makes <c>KVM_RUN</c> return. A pipe <c>read</c> is used because it is
/// restarted under <c>SA_RESTART</c>, so the test also proves the handler is installed without it.
/// </summary>
public sealed unsafe class KickSignalTests
{
    [Fact]
    public void Signal_is_a_real_time_signal_above_the_runtimes_own()
    {
        int signal = KickSignal.Number;

        Assert.InRange(signal, LibC.CurrentSigRtMin() + 1, LibC.CurrentSigRtMax());
        Assert.Equal(signal, KickSignal.Number);
    }

    [Fact]
    public void Kick_makes_a_blocked_read_return_eintr()
    {
        int* fds = stackalloc int[2];
        Assert.Equal(0, TestLibC.Pipe(fds));
        int readEnd = fds[0], writeEnd = fds[1];
        try
        {
            nuint thread = 0;
            int result = 0, errno = 0;
            using var started = new ManualResetEventSlim();
            var reader = new Thread(() =>
            {
                thread = LibC.PthreadSelf();
                started.Set();
                byte buffer;
                result = (int)TestLibC.Read(readEnd, &buffer, 1);
                errno = Marshal.GetLastPInvokeError();
            });
            reader.Start();
            started.Wait();
            // The reader may not have entered read() yet; a kick that lands before it is harmless, so repeat.
            for (int attempt = 0; attempt < 1000 && !reader.Join(10); attempt++)
                Assert.True(KickSignal.Send(thread));
            bool finished = reader.Join(0);
            if (!finished)
                TestLibC.Write(writeEnd, fds, 1); // unblock the thread before failing
            Assert.True(finished, "the kicked thread stayed blocked in read()");
            Assert.Equal(-1, result);
            Assert.Equal(4, errno); // EINTR
        }
        finally
        {
            LibC.Close(readEnd);
            LibC.Close(writeEnd);
        }
    }
}
