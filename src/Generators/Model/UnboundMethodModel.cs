namespace Hyperlight.Generators.Model;

/// <summary>
/// An interface method the proxy must implement but cannot bind (unsupported types, or not marked
/// in an interface that marks single methods). The proxy throws for it; the analyzers report why.
/// </summary>
/// <param name="Signature">The explicit-implementation signature, e.g. <c>int global::N.I.M(ref int x)</c>.</param>
/// <param name="DisplayName">The method as a user would name it, for the exception message.</param>
internal sealed record UnboundMethodModel(string Signature, string DisplayName);
