using global::Wasmtime;

namespace Hyperlight.Wasmtime;

/// <summary>
/// The process-wide Wasmtime engine and its epoch clock. One engine serves every sandbox (compiled
/// code is per module, state per store); one background thread advances the epoch every
/// <see cref="TickMilliseconds"/>, which is what lets a store notice a timeout or a cancellation
/// without any per-call timer.
/// </summary>
internal static class SharedEngine
{
    public const int TickMilliseconds = 10;

    private static long s_ticks;

    public static Engine Engine { get; } = CreateEngine();

    /// <summary>Ticks since the clock started; read at the start of a call and compared in the epoch callback.</summary>
    public static long Ticks => Volatile.Read(ref s_ticks);

    public static string Version { get; } = typeof(Engine).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    private static Engine CreateEngine()
    {
        // Exactly the Wasm 2.0 feature set: the defaults would accept post-2.0 proposals that the
        // micro-VM compiler rejects, and the two engines must agree on which modules are valid.
        using var config = new Config()
            .WithEpochInterruption(true)
            .WithGc(false)
            .WithFunctionReferences(false)
            .WithTailCalls(false)
            .WithExceptions(false)
            .WithMultiMemory(false)
            .WithMemory64(false)
            .WithWasmThreads(false)
            .WithRelaxedSIMD(false, false)
            .WithWideArithmetic(false);
        var engine = new Engine(config);
        var clock = new Thread(() => RunClock(engine)) { IsBackground = true, Name = "Hyperlight Wasmtime epoch clock" };
        clock.Start();
        return engine;
    }

    private static void RunClock(Engine engine)
    {
        while (true)
        {
            Thread.Sleep(TickMilliseconds);
            Interlocked.Increment(ref s_ticks);
            engine.IncrementEpoch();
        }
    }
}
