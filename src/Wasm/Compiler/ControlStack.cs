namespace Hyperlight.Wasm.Compiler;

/// <summary>
/// The control stack of the function being compiled. Frames are values in one array that the
/// function compiler keeps from one function to the next (a frame object per block was a tenth
/// of a compile's allocation); they are reached by reference, so that marking a frame targeted
/// changes the frame on the stack.
/// </summary>
internal sealed class ControlStack
{
    private ControlFrame[] _frames = new ControlFrame[16];

    public int Count { get; private set; }

    /// <summary>The innermost frame.</summary>
    public ref ControlFrame Innermost => ref At(0);

    /// <summary>The frame <paramref name="relativeDepth"/> levels out from the innermost (a branch's label index).</summary>
    public ref ControlFrame At(uint relativeDepth) => ref _frames[Count - 1 - (int)relativeDepth];

    public void Push(in ControlFrame frame)
    {
        if (Count == _frames.Length)
            Array.Resize(ref _frames, 2 * Count);
        _frames[Count++] = frame;
    }

    public ControlFrame Pop() => _frames[--Count];

    public void Clear() => Count = 0;
}
