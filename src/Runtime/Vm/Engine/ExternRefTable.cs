namespace Hyperlight.Vm.Engine;

/// <summary>
/// The host objects a micro-VM guest holds as <c>externref</c>s: the guest sees only a non-zero
/// 64-bit handle (0 is null), the host maps it back to the same object. Valid Wasm cannot make a
/// reference out of a number, so every handle in the guest came from here.
/// </summary>
internal sealed class ExternRefTable
{
    private readonly Dictionary<object, ulong> _handles = new(ReferenceEqualityComparer.Instance);
    private readonly List<object> _objects = [];

    /// <summary>The handle of <paramref name="value"/>, the same one each time it is passed in.</summary>
    public ulong HandleOf(object value)
    {
        if (!_handles.TryGetValue(value, out ulong handle))
        {
            _objects.Add(value);
            handle = (ulong)_objects.Count;
            _handles.Add(value, handle);
        }
        return handle;
    }

    /// <summary>The object behind a non-zero <paramref name="handle"/>, or null when the host never issued it.</summary>
    public object? Find(ulong handle) => handle - 1 < (ulong)_objects.Count ? _objects[(int)(handle - 1)] : null;

    /// <summary>Forgets every object (after a restore no guest state can still hold a handle), so they can be collected.</summary>
    public void Clear()
    {
        _handles.Clear();
        _objects.Clear();
    }
}
