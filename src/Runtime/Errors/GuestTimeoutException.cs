namespace Hyperlight;

/// <summary>A guest call ran past its time limit and was stopped. The sandbox was restored and stays usable.</summary>
public sealed class GuestTimeoutException(string message, Exception? innerException = null) : HyperlightException(message, innerException);
