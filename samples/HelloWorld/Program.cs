using System.Diagnostics;
using System.Text;
using Hyperlight;

// Hyperlight HelloWorld: a Wasm guest called through generated, typed bindings, calling back into
// the host. Run with: dotnet run --project samples/HelloWorld [-- --engine wasmtime]

string guestText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "guest", "hello.wat"));

SandboxBuilder builder = new SandboxBuilder()
    .WithWasmText(guestText)
    .WithHostFunctions<IHostApi>(new ConsoleHost())
    .WithGuestFunctions<IHelloGuest>();    // check every export's signature at Build()

// The engine: by default our compiler in the strongest micro-VM this machine has (KVM, else the
// emulated CPU, else in-process); `--engine wasmtime` runs the same guest on Wasmtime instead.
if (args is ["--engine", "wasmtime"])
    builder = builder.UseWasmtime();

using Sandbox sandbox = builder.Build();
Console.WriteLine($"Engine: {sandbox.Engine.Name} ({sandbox.Engine.Boundary} VM boundary) - {sandbox.Engine.Description}");

IHelloGuest guest = sandbox.Guest<IHelloGuest>();

Console.WriteLine($"add(2, 3) = {guest.Add(2, 3)}");
Console.WriteLine($"average(1.5, 2.5, 4.0) = {guest.Average(1.5, 2.5, 4.0)}");
Console.WriteLine($"greet(\"Wasm 🌍\") = \"{guest.Greet("Wasm 🌍")}\"");

byte[] data = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");
Console.WriteLine($"checksum(43 bytes) = 0x{guest.Checksum(data):x8} (FNV-1a, host computes 0x{Fnv1a(data):x8})");

long ticks = guest.TimeLoop(1_000_000);
Console.WriteLine($"time_loop(1,000,000): the guest asked the host for the time twice; {TimeSpan.FromTicks(ticks).TotalMicroseconds:0} µs apart");

static uint Fnv1a(ReadOnlySpan<byte> bytes)
{
    uint hash = 0x811C9DC5;
    foreach (byte b in bytes)
        hash = (hash ^ b) * 0x01000193;
    return hash;
}

/// <summary>What the guest exports.</summary>
public partial interface IHelloGuest
{
    [GuestFunction("add")] int Add(int a, int b);
    [GuestFunction("average")] double Average(double a, double b, double c);
    [GuestFunction("greet")] string Greet(string name);
    [GuestFunction("checksum")] uint Checksum(ReadOnlySpan<byte> data);
    [GuestFunction("time_loop")] long TimeLoop(int rounds);
}

/// <summary>What the guest imports (module "env", the default).</summary>
public partial interface IHostApi
{
    [HostFunction("log")] void Log(string message);
    [HostFunction("now_ticks")] long NowTicks();
}

internal sealed class ConsoleHost : IHostApi
{
    public void Log(string message) => Console.WriteLine($"  [guest log] {message}");

    // The monotonic clock, in 100 ns ticks.
    public long NowTicks() => Stopwatch.GetElapsedTime(0).Ticks;
}
