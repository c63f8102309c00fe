namespace Hyperlight.Vm.Emulated;

/// <summary>An open Unicorn engine and one saved CPU context, freed and closed (with its hooks) on dispose or by the finalizer.</summary>
internal sealed class UnicornHandle : System.Runtime.InteropServices.SafeHandle
{
    private nint _context;

    private UnicornHandle() : base(0, ownsHandle: true) { }

    /// <summary>The saved CPU state <see cref="SaveContext"/> took and <see cref="RestoreContext"/> reloads.</summary>
    public void SaveContext()
    {
        if (_context == 0 && Unicorn.ContextAlloc(handle, out _context) is int allocError and not Unicorn.ErrOk)
            throw new InvalidOperationException($"Unicorn could not allocate a CPU context: {Unicorn.Describe(allocError)}.");
        if (Unicorn.ContextSave(handle, _context) is int error and not Unicorn.ErrOk)
            throw new InvalidOperationException($"Unicorn could not save the CPU context: {Unicorn.Describe(error)}.");
    }

    /// <summary>Reloads the saved CPU state (registers, control registers, segments and the emulator's exception bookkeeping).</summary>
    public int RestoreContext() => Unicorn.ContextRestore(handle, _context);

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

    protected override bool ReleaseHandle()
    {
        if (_context != 0)
            Unicorn.ContextFree(_context);
        return Unicorn.Close(handle) == Unicorn.ErrOk;
    }
}
