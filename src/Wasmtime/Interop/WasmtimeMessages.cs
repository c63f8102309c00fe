namespace Hyperlight.Wasmtime.Interop;

/// <summary>Wasmtime's error messages span several lines (context, backtrace, "Caused by:"); these condense them for exception messages.</summary>
internal static class WasmtimeMessages
{
    /// <summary>All meaningful lines joined, e.g. "module is not valid: failed to parse: unexpected end-of-file (at offset 0x9)".</summary>
    public static string OneLine(string message) =>
        string.Join(": ", Lines(message).Where(line => line != "Caused by:"));

    /// <summary>The root cause only (the last line, without its "1: " chain number), e.g. "wasm trap: integer divide by zero".</summary>
    public static string Cause(string message)
    {
        string last = Lines(message).LastOrDefault() ?? message;
        int colon = last.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && last.AsSpan(0, colon).IndexOfAnyExceptInRange('0', '9') < 0 ? last[(colon + 2)..] : last;
    }

    private static IEnumerable<string> Lines(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
