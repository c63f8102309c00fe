namespace Hyperlight.Cli.SelfTest;

/// <summary>A self-test check saw something other than what it expected; the message says what.</summary>
internal sealed class SelfTestFailure(string message) : Exception(message);
