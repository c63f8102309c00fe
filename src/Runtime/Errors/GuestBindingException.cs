namespace Hyperlight;

/// <summary>
/// The module and the binding interfaces do not fit together: a missing export or import, or a
/// signature that differs. Raised when the sandbox is built (or when an undeclared guest interface
/// is first requested), never in the middle of a call.
/// </summary>
public sealed class GuestBindingException(string message) : HyperlightException(message);
