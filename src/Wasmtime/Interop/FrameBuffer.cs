using System.Runtime.InteropServices;

namespace Hyperlight.Wasmtime.Interop;

/// <summary>
/// The native memory behind this engine's call frame. Native (not a managed array) so the frame
/// never moves and the generated code can treat it exactly like the micro-VM's shared page.
/// </summary>
internal sealed unsafe class FrameBuffer : SafeHandle
{
    public FrameBuffer(int size) : base(0, ownsHandle: true)
    {
        // Cache-line aligned; zeroed so a frame never shows a previous process's bytes.
        void* memory = NativeMemory.AlignedAlloc((nuint)size, 64);
        NativeMemory.Clear(memory, (nuint)size);
        SetHandle((nint)memory);
        Size = size;
    }

    public int Size { get; }

    public byte* Address => (byte*)handle;

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        NativeMemory.AlignedFree((void*)handle);
        return true;
    }
}
