namespace Hyperlight.Wasm.Tests.GuestSdk;

/// <summary>The exports of samples/CGuest/guest/calculator.c.</summary>
public partial interface ICCalculator
{
    [GuestFunction("add")]
    int Add(int a, int b);

    [GuestFunction("fib")]
    long Fib(int n);

    [GuestFunction("greet")]
    string Greet(string name);

    [GuestFunction("checksum")]
    uint Checksum(byte[] data);

    [GuestFunction("elapsed_ticks")]
    long ElapsedTicks();
}

/// <summary>The imports of calculator.c.</summary>
[HostFunction(Module = "env")]
public partial interface ICHostServices
{
    [HostFunction("log")]
    void Log(string message);

    [HostFunction("now_ticks")]
    long NowTicks();
}

internal sealed class RecordingHostServices : ICHostServices
{
    private long _ticks;

    public List<string> Logged { get; } = [];

    public void Log(string message) => Logged.Add(message);

    /// <summary>A clock that advances by 10 on every read, so elapsed time is deterministic.</summary>
    public long NowTicks() => _ticks += 10;
}
