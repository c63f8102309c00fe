using Hyperlight.Bindings;
using Hyperlight.Engines;
using Hyperlight.Wasm.Caching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hyperlight;

/// <summary>
/// Configures and builds a <see cref="Sandbox"/>: the module, the host functions it may import,
/// the guest interfaces to check up front, limits, and the engine.
/// </summary>
public sealed partial class SandboxBuilder
{
    private readonly List<HostBinding> _hostBindings = [];
    private readonly List<Action<Sandbox>> _guestChecks = [];
    private readonly List<ISandboxEngineFactory> _engines = [];
    private ReadOnlyMemory<byte>? _module;
    private string? _modulePath;
    private ILogger _logger = NullLogger.Instance;

    public SandboxOptions Options { get; } = new();

    /// <summary>Loads the Wasm module (binary format) from a file when the sandbox is built.</summary>
    public SandboxBuilder WithWasmModule(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _modulePath = path;
        _module = null;
        return this;
    }

    /// <summary>Uses these Wasm module bytes (binary format).</summary>
    public SandboxBuilder WithWasmModule(ReadOnlyMemory<byte> module)
    {
        _module = module;
        _modulePath = null;
        return this;
    }

    /// <summary>Lets the guest import the functions of <typeparamref name="T"/>, served by <paramref name="implementation"/>.</summary>
    public SandboxBuilder WithHostFunctions<T>(T implementation) where T : class, IHostFunctions<T>
    {
        _hostBindings.Add(HostBinding.For(implementation));
        return this;
    }

    /// <summary>Checks at build time that the module exports every function of <typeparamref name="T"/> with matching signatures.</summary>
    public SandboxBuilder WithGuestFunctions<T>() where T : class, IGuestFunctions<T>
    {
        _guestChecks.Add(static sandbox => sandbox.Prepare<T>());
        return this;
    }

    /// <summary>Adjusts limits (memory, call timeout, frame size, required isolation).</summary>
    public SandboxBuilder Configure(Action<SandboxOptions> configure)
    {
        configure(Options);
        return this;
    }

    /// <summary>Fails the build unless the engine chosen has at least this VM boundary.</summary>
    public SandboxBuilder RequireVmBoundary(VmBoundary boundary)
    {
        Options.RequiredBoundary = boundary;
        return this;
    }

    /// <summary>
    /// Offers an engine. Engines offered are tried strongest boundary first; with none offered the
    /// built-in micro-VM engines are used.
    /// </summary>
    public SandboxBuilder WithEngine(ISandboxEngineFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _engines.Add(factory);
        return this;
    }

    /// <summary>
    /// Keeps the compiled guest image on disk, in <paramref name="directory"/> (by default
    /// <see cref="CompiledImageCache.DefaultDirectory"/>), so the next process that builds a sandbox
    /// from the same modules and host definitions loads it instead of compiling. A cache that cannot
    /// be read or written only costs the compile. Only engines that compile to a guest image (the
    /// micro-VM engines) use it.
    /// </summary>
    public SandboxBuilder WithCompiledImageCache(string? directory = null)
    {
        Options.CompiledImageCache = new CompiledImageCache(directory ?? CompiledImageCache.DefaultDirectory);
        return this;
    }

    /// <summary>Where to log the engine choice (once per build).</summary>
    public SandboxBuilder WithLogger(ILogger logger)
    {
        _logger = logger ?? NullLogger.Instance;
        return this;
    }

    /// <summary>Creates the sandbox: loads and links the module, resolves and checks every binding.</summary>
    public Sandbox Build()
    {
        Options.Validate();
        var setup = new SandboxSetup(LoadModule(), [.. _hostBindings], Options)
        {
            LinkedModules = LoadLinkedModules(),
            HostDefinitions = [.. _hostDefinitions],
        };
        ISandboxEngineFactory factory = EngineSelection.Choose(_engines, Options.RequiredBoundary);
        ISandboxEngine engine = factory.Create(setup);
        var sandbox = new Sandbox(engine);
        try
        {
            foreach (Action<Sandbox> check in _guestChecks)
                check(sandbox);
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
        _logger.LogInformation("Hyperlight sandbox on {Engine} ({Boundary} boundary): {Description}", engine.Info.Name, engine.Info.Boundary, engine.Info.Description);
        return sandbox;
    }

    private ReadOnlyMemory<byte> LoadModule()
    {
        if (_module is { } bytes)
            return bytes;
        if (_modulePath is null)
            throw new SandboxConfigurationException("No guest module: call WithWasmModule(path or bytes) before Build().");
        return ReadModuleFile(_modulePath, "the Wasm module");
    }

    private static byte[] ReadModuleFile(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SandboxConfigurationException($"Cannot read {what} '{path}': {e.Message}", e);
        }
    }
}
