namespace Hyperlight;

/// <summary>
/// The guest handed the host something that breaks the call protocol: a pointer or length outside
/// its memory, invalid UTF-8, a corrupt call frame or control page. The host read nothing outside
/// guest memory.
/// </summary>
public sealed class GuestProtocolException : HyperlightException
{
    public GuestProtocolException(string message) : base(message) { }

    public GuestProtocolException(string message, Exception? innerException) : base(message, innerException) { }
}
