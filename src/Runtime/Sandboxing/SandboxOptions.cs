using Hyperlight.Wasm.Caching;

namespace Hyperlight;

/// <summary>Limits and behaviour of a sandbox. Defaults suit short plugin calls.</summary>
public sealed class SandboxOptions
{
    /// <summary>Largest linear memory the guest may grow to, in bytes. Default 64 MiB.</summary>
    public long MemoryLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Time limit of one guest call (host functions included). Default 5 s; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Size of the call frame, which bounds the string/byte data of one call. Default 4 MiB.</summary>
    public int CallFrameSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The weakest VM boundary acceptable; building fails with <see cref="IsolationUnavailableException"/> rather than choosing a weaker one.</summary>
    public VmBoundary RequiredBoundary { get; set; } = VmBoundary.None;

    /// <summary>
    /// Where the micro-VM engines keep compiled images between processes; null (the default) keeps
    /// them only in memory, for the life of the process. See
    /// <see cref="SandboxBuilder.WithCompiledImageCache"/>. The Wasmtime engine does not use it:
    /// Wasmtime compiles its own code, and loading that from disk (Module.Deserialize) trusts the
    /// file to be native code Wasmtime itself wrote, with no check.
    /// </summary>
    public CompiledImageCache? CompiledImageCache { get; set; }

    internal void Validate()
    {
        if (MemoryLimitBytes < 65536)
            throw new SandboxConfigurationException($"MemoryLimitBytes is {MemoryLimitBytes}; a Wasm memory needs at least one 64 KiB page.");
        if (CallTimeout <= TimeSpan.Zero && CallTimeout != Timeout.InfiniteTimeSpan)
            throw new SandboxConfigurationException($"CallTimeout is {CallTimeout}; use a positive time or Timeout.InfiniteTimeSpan.");
        if (CallFrameSize < CallFrameLayout.MinimumSize)
            throw new SandboxConfigurationException($"CallFrameSize is {CallFrameSize} bytes; the minimum is {CallFrameLayout.MinimumSize}.");
    }
}
