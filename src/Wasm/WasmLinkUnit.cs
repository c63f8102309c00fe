using Hyperlight.Images;

namespace Hyperlight.Wasm;

/// <summary>
/// Everything <see cref="WasmCompiler.Link"/> turns into one image: the modules in instantiation
/// order (the last is the main module), the host's global, memory and table definitions, and the
/// compiler options. Caches look images up by its <see cref="Key"/>.
/// </summary>
/// <remarks>
/// The lists are copied, but module bytes are not: changing a module's bytes after creating the unit
/// leaves <see cref="Key"/> describing the old bytes.
/// </remarks>
public sealed class WasmLinkUnit
{
    /// <summary>The name of the last, main module where a caller names it (link checks and their messages).</summary>
    public const string MainModuleName = "main";

    // Computed at most once per caller that races here; every computation gives the same key.
    private CompileKey? _key;

    public WasmLinkUnit(IReadOnlyList<NamedWasmModule> modules, IReadOnlyList<WasmHostExtern> hostExterns, WasmCompilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(hostExterns);
        Modules = [.. modules];
        HostExterns = [.. hostExterns];
        Options = options ?? new WasmCompilerOptions();
    }

    /// <summary>One module, named "main", with no host definitions: what <see cref="WasmCompiler.Compile"/> compiles.</summary>
    public static WasmLinkUnit Single(ReadOnlyMemory<byte> module, WasmCompilerOptions? options = null) =>
        new([new NamedWasmModule(MainModuleName, module)], [], options);

    public IReadOnlyList<NamedWasmModule> Modules { get; }

    public IReadOnlyList<WasmHostExtern> HostExterns { get; }

    public WasmCompilerOptions Options { get; }

    /// <summary>The hash of every input and of the compiler build, computed on first use.</summary>
    public CompileKey Key => _key ??= CompileKey.Of(this);

    /// <summary>Compiles the unit (no cache).</summary>
    public GuestImage Link() => WasmCompiler.Link(Modules, HostExterns, Options);
}
