namespace Hyperlight.Wasmtime.Calls;

/// <summary>
/// Marks the stretches in which the host is itself calling guest code (<c>cabi_realloc</c>) while
/// the call frame holds data it still needs. A host call arriving then would overwrite that data,
/// so it is refused with a <see cref="GuestProtocolException"/> instead.
/// </summary>
internal sealed class HostCallGuard
{
    private string? _forbiddenDuring;

    public Scope Forbid(string during)
    {
        _forbiddenDuring = during;
        return new Scope(this);
    }

    public void ThrowIfForbidden(string import)
    {
        if (_forbiddenDuring is { } during)
            throw new GuestProtocolException($"The guest called host function '{import}' from {during}; an allocator must not call the host.");
    }

    public readonly struct Scope(HostCallGuard guard) : IDisposable
    {
        public void Dispose() => guard._forbiddenDuring = null;
    }
}
