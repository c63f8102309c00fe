namespace Hyperlight.Engines;

/// <summary>Creates engines of one kind; the builder asks it once per sandbox.</summary>
public interface ISandboxEngineFactory
{
    /// <summary>The isolation the engines it makes would have, known before creating one.</summary>
    VmBoundary Boundary { get; }

    /// <summary>Builds an engine for the module, with every import resolved and checked (<see cref="GuestBindingException"/> otherwise).</summary>
    ISandboxEngine Create(SandboxSetup setup);
}
