namespace Hyperlight;

/// <summary>A host function the guest called threw; the guest call failed with that exception inside.</summary>
public sealed class HostFunctionException(string functionName, Exception innerException)
    : HyperlightException($"Host function '{functionName}' threw {innerException.GetType().Name}: {innerException.Message}", innerException)
{
    public string FunctionName { get; } = functionName;
}
