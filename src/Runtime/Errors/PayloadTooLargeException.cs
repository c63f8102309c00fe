namespace Hyperlight;

/// <summary>String or byte arguments or results do not fit in the call frame.</summary>
public sealed class PayloadTooLargeException(string message) : HyperlightException(message);
