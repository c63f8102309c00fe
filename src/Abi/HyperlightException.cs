namespace Hyperlight;

/// <summary>Base type of every exception Hyperlight raises on purpose.</summary>
public class HyperlightException : Exception
{
    public HyperlightException(string message) : base(message) { }

    public HyperlightException(string message, Exception? innerException) : base(message, innerException) { }
}
