namespace Hyperlight;

/// <summary>The sandbox was required to have a VM boundary and this machine offers none strong enough.</summary>
public sealed class IsolationUnavailableException(string message) : HyperlightException(message);
