using Hyperlight.Engines;

namespace Hyperlight.Bindings;

/// <summary>
/// What a generated guest proxy holds: the sandbox's engine and the export indices of its
/// interface's functions, resolved once. A call does no lookups and allocates nothing.
/// </summary>
public sealed class GuestBinding
{
    private readonly Sandbox _sandbox;
    private readonly int[] _exports;
    private readonly FunctionDescriptor[] _functions;

    internal GuestBinding(Sandbox sandbox, int[] exports, GuestInterfaceDescriptor descriptor)
    {
        _sandbox = sandbox;
        _exports = exports;
        _functions = [.. descriptor.Functions];
    }

    /// <summary>Starts a call of the interface's function number <paramref name="function"/> carrying <paramref name="slotCount"/> argument values.</summary>
    public CallFrame BeginCall(int function, int slotCount)
    {
        ISandboxEngine engine = _sandbox.EnterableEngine();
        CallFrame frame = engine.Frame;
        frame.Begin((uint)_exports[function], CallFrameStatus.GuestCallRequested, slotCount);
        FunctionDescriptor descriptor = _functions[function];
        frame.SetSignature(descriptor.ParameterTypes, descriptor.Result);
        return frame;
    }

    /// <summary>Runs the call whose arguments are in the frame; the results are in the frame afterwards.</summary>
    public void Invoke(int function, CancellationToken cancellationToken = default) =>
        _sandbox.Invoke(_exports[function], cancellationToken);
}
