using Hyperlight.Engines;
using Hyperlight.Vm;

namespace Hyperlight.Benchmarks.Vm;

/// <summary>
/// The module the micro-VM benchmarks run, compiled by Hyperlight.Wasm:
/// <code>
/// (module
///   (import "env" "Ping" (func $ping (param i32) (result i32)))
///   (func (export "Add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
///   (func (export "CallHost") (param i32) (result i32) local.get 0 call $ping))
/// </code>
/// </summary>
internal static class VmBenchmarkModule
{
    public static readonly byte[] Bytes =
    [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x0C, 0x02, 0x60, 0x01, 0x7F, 0x01, 0x7F, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F,
        0x02, 0x0C, 0x01, 0x03, (byte)'e', (byte)'n', (byte)'v', 0x04, (byte)'P', (byte)'i', (byte)'n', (byte)'g', 0x00, 0x00,
        0x03, 0x03, 0x02, 0x01, 0x00,
        0x07, 0x12, 0x02, 0x03, (byte)'A', (byte)'d', (byte)'d', 0x00, 0x01,
        0x08, (byte)'C', (byte)'a', (byte)'l', (byte)'l', (byte)'H', (byte)'o', (byte)'s', (byte)'t', 0x00, 0x02,
        0x0A, 0x10, 0x02, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B, 0x06, 0x00, 0x20, 0x00, 0x10, 0x00, 0x0B,
    ];

    /// <summary>A sandbox on <paramref name="driver"/>; no call timeout unless <paramref name="timed"/> (the default 5 s arms a watchdog per call).</summary>
    public static Sandbox Create(MicroVmDriver driver, bool timed = false) => Create(new MicroVmEngineFactory(driver), timed);

    /// <summary>The same module on any engine (the untyped-call benchmarks compare engines).</summary>
    public static Sandbox Create(ISandboxEngineFactory engine, bool timed = false) =>
        new SandboxBuilder()
            .WithWasmModule(Bytes)
            .WithHostFunctions<IVmBenchmarkHost>(new PingHost())
            .WithEngine(engine)
            .Configure(o => o.CallTimeout = timed ? TimeSpan.FromSeconds(5) : Timeout.InfiniteTimeSpan)
            .WithGuestFunctions<IVmBenchmarkGuest>()
            .Build();

    private sealed class PingHost : IVmBenchmarkHost
    {
        public int Ping(int value) => value + 1;
    }
}

[GuestFunction]
public partial interface IVmBenchmarkGuest
{
    int Add(int a, int b);
    int CallHost(int value);
}

[HostFunction]
public partial interface IVmBenchmarkHost
{
    int Ping(int value);
}
