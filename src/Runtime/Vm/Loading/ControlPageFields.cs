using System.Runtime.CompilerServices;
using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.InProcess;
using Hyperlight.Vm.Stubs;

namespace Hyperlight.Vm.Loading;

/// <summary>
/// The control-page fields the host owns (addresses, sizes, entry stubs). The guest can write the
/// whole page, so the host never reads these back: it rewrites them before every call, which also
/// repairs a page a previous call scribbled over. Guest-owned fields (linear-memory sizes, trap record)
/// are read with validation by the engine.
/// </summary>
internal readonly unsafe struct ControlPageFields
{
    private readonly ulong _callFrame, _callFrameSize, _hostCallEntry, _hostCallFunction, _stackLimit;
    private readonly ulong _returnEntry, _trapEntry, _codeBase, _codeSize, _stackTop, _globals;
    // Base and mapped size of each linear memory, memory 0 first.
    private readonly (ulong Base, ulong Maximum)[] _memories;

    public ControlPageFields(GuestMemory memory, DriverStubs stubs, int callFrameSize, int imageCodeSize)
    {
        GuestLayout layout = memory.Layout;
        ulong stubsBase = memory.GuestAddress(layout.StubsOffset);
        _callFrame = memory.GuestAddress(layout.CallFrame.Offset);
        _callFrameSize = (ulong)callFrameSize;
        _hostCallEntry = stubsBase + (ulong)stubs.HostCallOffset;
        _returnEntry = stubsBase + (ulong)stubs.ReturnOffset;
        _trapEntry = stubsBase + (ulong)stubs.TrapOffset;
        bool inProcess = memory.Addressing == GuestAddressing.HostProcess;
        _hostCallFunction = inProcess ? InProcessDriver.HostCallCallback : 0;
        // In-process the enter stub computes the limit from the thread's RSP.
        _stackLimit = inProcess ? 0 : memory.GuestAddress(layout.StackLimit);
        _codeBase = memory.GuestAddress(layout.Code.Offset);
        _codeSize = (ulong)imageCodeSize;
        _stackTop = memory.GuestAddress(layout.StackTop);
        _globals = memory.GuestAddress(layout.Data.Offset);
        _memories = new (ulong, ulong)[layout.MemoryCount];
        for (int m = 0; m < _memories.Length; m++)
            _memories[m] = (memory.GuestAddress(layout.Memory(m).Offset), layout.Memory(m).Size);
    }

    /// <summary>Writes every host-owned field and clears the interrupt flag (start of each call).</summary>
    public void Apply(byte* page)
    {
        Unsafe.WriteUnaligned(page + ControlPage.Magic, ControlPage.MagicValue);
        Unsafe.WriteUnaligned(page + ControlPage.Version, ControlPage.CurrentVersion);
        Unsafe.WriteUnaligned(page + ControlPage.CallFrameAddress, _callFrame);
        Unsafe.WriteUnaligned(page + ControlPage.CallFrameSize, _callFrameSize);
        Unsafe.WriteUnaligned(page + ControlPage.HostCallEntry, _hostCallEntry);
        Unsafe.WriteUnaligned(page + ControlPage.HostCallFunctionPointer, _hostCallFunction);
        Unsafe.WriteUnaligned(page + ControlPage.StackLimit, _stackLimit);
        Unsafe.WriteUnaligned(page + ControlPage.InterruptFlag, 0u);
        Unsafe.WriteUnaligned(page + ControlPage.ReturnEntry, _returnEntry);
        Unsafe.WriteUnaligned(page + ControlPage.TrapEntry, _trapEntry);
        Unsafe.WriteUnaligned(page + ControlPage.CodeBase, _codeBase);
        Unsafe.WriteUnaligned(page + ControlPage.CodeSize, _codeSize);
        Unsafe.WriteUnaligned(page + ControlPage.StackTop, _stackTop);
        Unsafe.WriteUnaligned(page + ControlPage.GlobalsBase, _globals);
        for (int m = 0; m < _memories.Length; m++)
        {
            Unsafe.WriteUnaligned(page + ControlPage.MemoryBase(m), _memories[m].Base);
            Unsafe.WriteUnaligned(page + ControlPage.MemoryMaximum(m), _memories[m].Maximum);
        }
    }
}
