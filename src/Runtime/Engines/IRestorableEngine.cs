namespace Hyperlight.Engines;

/// <summary>
/// An engine that can return its guest to the state it had right after initialisation (its
/// snapshot), discarding everything calls changed since: memory, globals, tables.
/// </summary>
public interface IRestorableEngine
{
    /// <summary>Restores the snapshot. The cost should follow what changed, not the memory size.</summary>
    void Restore();
}
