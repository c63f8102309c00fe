namespace Hyperlight.Bindings;

/// <summary>
/// Implemented by the generator on every host interface: how to describe it and how to run one of
/// its functions with arguments read from a call frame.
/// </summary>
public interface IHostFunctions<TSelf> where TSelf : class, IHostFunctions<TSelf>
{
    static abstract HostInterfaceDescriptor HostDescriptor { get; }

    /// <summary>Reads the arguments of function <paramref name="function"/> from <paramref name="frame"/>, calls <paramref name="implementation"/>, writes the result back.</summary>
    static abstract void Dispatch(TSelf implementation, int function, CallFrame frame);
}
