namespace Hyperlight.Vm.Emulated;

/// <summary>An open Unicorn engine, closed (with its hooks) on dispose or by the finalizer.</summary>
internal sealed class UnicornHandle : System.Runtime.InteropServices.SafeHandle
{
    private UnicornHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    public nint Engine => handle;

    public static UnicornHandle Open()
    {
        int error = Unicorn.Open(Unicorn.ArchX86, Unicorn.Mode64, out nint engine);
        if (error != Unicorn.ErrOk)
            throw new IsolationUnavailableException($"Cannot start the Unicorn x86-64 emulator: {Unicorn.Describe(error)}.");
        var unicorn = new UnicornHandle();
        unicorn.SetHandle(engine);
        return unicorn;
    }

    protected override bool ReleaseHandle() => Unicorn.Close(handle) == Unicorn.ErrOk;
}
