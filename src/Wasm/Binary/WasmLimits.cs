namespace Hyperlight.Wasm.Binary;

/// <summary>
/// Implementation limits. The spec leaves them to engines; these are the values shared by the JS
/// API and Wasmtime's parser, so a module one engine accepts is not refused by another for size.
/// They exist to keep hostile input from making us allocate or loop without bound.
/// </summary>
public static class WasmLimits
{
    public const int MaxTypes = 1_000_000;
    public const int MaxFunctions = 1_000_000;
    public const int MaxImports = 100_000;
    public const int MaxExports = 100_000;
    public const int MaxGlobals = 1_000_000;
    public const int MaxTables = 100;

    /// <summary>Only bounds decoding: validation allows one memory (no multi-memory in Wasm 2.0).</summary>
    public const int MaxMemories = 100;
    public const int MaxElementSegments = 100_000;
    public const int MaxDataSegments = 100_000;
    public const int MaxNameBytes = 100_000;
    public const int MaxFunctionBodyBytes = 7_654_321;

    /// <summary>Parameters plus declared locals of one function.</summary>
    public const int MaxLocals = 50_000;
    public const int MaxParameters = 1_000;
    public const int MaxResults = 1_000;

    /// <summary>64 KiB pages of a 32-bit linear memory: 4 GiB.</summary>
    public const uint MaxMemoryPages = 65_536;

    /// <summary>
    /// Nesting of block, loop and if in one function. Not a spec or Wasmtime limit: it bounds the
    /// control stack that the validator and the single-pass compiler keep per function.
    /// </summary>
    public const int MaxControlDepth = 10_000;

    /// <summary>
    /// Values on the operand stack of one function. Not a spec or Wasmtime limit: without it a
    /// few bytes (an unreachable block with 1,000 results, repeated) could demand gigabytes of stack
    /// in the validator and the compiler.
    /// </summary>
    public const int MaxOperandStackDepth = 100_000;
}
