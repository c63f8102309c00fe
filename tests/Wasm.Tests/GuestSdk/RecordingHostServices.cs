using CGuest;

namespace Hyperlight.Wasm.Tests.GuestSdk;

/// <summary>The C sample's host functions (bindings linked from samples/CGuest/Bindings.cs), recording what the guest logs.</summary>
internal sealed class RecordingHostServices : IHostServices
{
    private long _ticks;

    public List<string> Logged { get; } = [];

    public void Log(string message) => Logged.Add(message);

    /// <summary>A clock that advances by 10 on every read, so elapsed time is deterministic.</summary>
    public long NowTicks() => _ticks += 10;
}
