namespace Hyperlight;

/// <summary>The builder's settings cannot work (no module, a memory layout that does not fit, …).</summary>
public sealed class SandboxConfigurationException(string message, Exception? innerException = null) : HyperlightException(message, innerException);
