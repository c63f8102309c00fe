using Hyperlight.Engines;
using Hyperlight.Images;
using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Emulated;
using Hyperlight.Vm.Engine;
using Hyperlight.Vm.InProcess;
using Hyperlight.Vm.Kvm;
using Hyperlight.Vm.Loading;
using Hyperlight.Wasm;

namespace Hyperlight.Vm;

/// <summary>
/// Creates micro-VM engines on one driver. The guest image comes from a provider: the Wasm compiler
/// for modules (the default), or a fixed image (hand-built guests).
/// </summary>
public sealed class MicroVmEngineFactory : ISandboxEngineFactory
{
    private static readonly Lazy<IReadOnlyList<ISandboxEngineFactory>> Available = new(FindAvailable);

    private readonly IVmDriverFactory _drivers;
    private readonly Func<SandboxSetup, GuestImage> _imageProvider;
    private readonly MicroVmOptions _options;

    /// <param name="driver">The CPU to run on.</param>
    /// <param name="imageProvider">Turns the sandbox's module bytes into a guest image (e.g. the Wasm compiler); it owns any caching, so <see cref="SandboxOptions.CompiledImageCache"/> is not consulted.</param>
    /// <param name="options">Region sizes; <see cref="MicroVmOptions.Default"/> when null.</param>
    public MicroVmEngineFactory(MicroVmDriver driver, Func<ReadOnlyMemory<byte>, GuestImage> imageProvider, MicroVmOptions? options = null)
        : this(driver, ModuleOnly(imageProvider), options)
    {
    }

    /// <summary>
    /// Compiles each sandbox's Wasm modules and host definitions with <see cref="WasmCompiler.Link"/>,
    /// once per distinct set of inputs in the process; with <see cref="SandboxOptions.CompiledImageCache"/>
    /// set, that one compile is first looked up in (and then stored to) the on-disk cache.
    /// </summary>
    public MicroVmEngineFactory(MicroVmDriver driver, MicroVmOptions? options = null)
        : this(driver, (Func<SandboxSetup, GuestImage>)CompiledImageMemo.GetOrCompile, options)
    {
    }

    private MicroVmEngineFactory(MicroVmDriver driver, Func<SandboxSetup, GuestImage> imageProvider, MicroVmOptions? options)
    {
        Driver = driver;
        _drivers = DriverFactoryFor(driver);
        _imageProvider = imageProvider;
        _options = options ?? MicroVmOptions.Default;
    }

    /// <summary>Runs <paramref name="image"/> whatever module bytes the sandbox was given (hand-built guests).</summary>
    public MicroVmEngineFactory(MicroVmDriver driver, GuestImage image, MicroVmOptions? options = null)
        : this(driver, ImageProvider(image), options)
    {
    }

    /// <summary>The micro-VM engines this machine can run, strongest first (KVM, emulated, in-process), compiling Wasm modules; probed once.</summary>
    internal static IReadOnlyList<ISandboxEngineFactory> BuiltIn => Available.Value;

    public MicroVmDriver Driver { get; }

    public VmBoundary Boundary => _drivers.Boundary;

    /// <summary>True when this machine can run the driver; <paramref name="reason"/> says what is missing otherwise.</summary>
    public bool IsAvailable(out string reason) => _drivers.IsAvailable(out reason);

    public ISandboxEngine Create(SandboxSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (!_drivers.IsAvailable(out string reason))
            throw new IsolationUnavailableException($"The {_drivers.Name} micro-VM driver is not available here: {reason}");
        GuestImage image = _imageProvider(setup) ?? throw new SandboxConfigurationException("The guest image provider returned no image.");
        return MicroVmEngine.Create(image, _drivers, setup, _options);
    }

    private static IReadOnlyList<ISandboxEngineFactory> FindAvailable() =>
        [.. new[] { MicroVmDriver.Kvm, MicroVmDriver.Emulated, MicroVmDriver.InProcess }
            .Select(driver => new MicroVmEngineFactory(driver))
            .Where(factory => factory.IsAvailable(out _))];

    private static Func<ReadOnlyMemory<byte>, GuestImage> ImageProvider(GuestImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return _ => image;
    }

    /// <summary>A provider that sees only the main module cannot honour linked modules or host definitions: refuse them rather than drop them.</summary>
    private static Func<SandboxSetup, GuestImage> ModuleOnly(Func<ReadOnlyMemory<byte>, GuestImage> imageProvider)
    {
        ArgumentNullException.ThrowIfNull(imageProvider);
        return setup => setup.LinkedModules.Count == 0 && setup.HostDefinitions.Count == 0
            ? imageProvider(setup.Module)
            : throw new SandboxConfigurationException("This micro-VM engine runs a fixed guest image, which cannot link other modules or import host globals, memories or tables; use an engine that compiles the modules (new MicroVmEngineFactory(driver)).");
    }

    private static IVmDriverFactory DriverFactoryFor(MicroVmDriver driver) => driver switch
    {
        MicroVmDriver.InProcess => InProcessDriverFactory.Instance,
        MicroVmDriver.Emulated => EmulatedDriverFactory.Instance,
        MicroVmDriver.Kvm => KvmDriverFactory.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(driver), driver, "Unknown micro-VM driver."),
    };
}
