using Hyperlight;

namespace CGuest;

/// <summary>What calculator.c exports (names as the C code spells them).</summary>
[GuestFunction]
public partial interface ICalculator
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

/// <summary>What calculator.c imports from module "env".</summary>
[HostFunction(Module = "env")]
public partial interface IHostServices
{
    [HostFunction("log")]
    void Log(string message);

    [HostFunction("now_ticks")]
    long NowTicks();
}
