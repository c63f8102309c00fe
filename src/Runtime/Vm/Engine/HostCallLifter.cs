using System.Runtime.CompilerServices;
using Hyperlight.Bindings;

namespace Hyperlight.Vm.Engine;

/// <summary>
/// Turns the core values a guest's import thunk wrote into the frame into the interface-level form
/// the generated dispatcher reads (vm-brief "Host call"): scalars stay, each (ptr, len) pair becomes
/// one string/bytes slot whose bytes are copied out of linear memory into the payload. Every pointer
/// and length is checked against the linear memory's current size before the host reads a byte.
/// </summary>
internal static unsafe class HostCallLifter
{
    /// <summary>
    /// Lifts in place: interface slot i never lies after core slot c (a pair shrinks to one slot), and
    /// core slots are read before the interface slot they may overwrite is written.
    /// </summary>
    public static void Lift(CallFrame frame, BoundImport import, byte* linearMemory, ulong linearSize)
    {
        if (frame.SlotCount != (uint)import.CoreParameterCount)
            throw new GuestProtocolException(
                $"The guest called host function {import.Descriptor.Name} with {frame.SlotCount} core values in the call frame; its signature has {import.CoreParameterCount}.");
        frame.PayloadLength = 0;
        IReadOnlyList<AbiType> parameters = import.Descriptor.Parameters;
        int core = 0;
        for (int slot = 0; slot < parameters.Count; slot++)
        {
            if (!parameters[slot].IsPointerAndLength())
            {
                frame.SetRaw(slot, frame.GetRaw(core++));
                continue;
            }
            ulong pointer = (uint)frame.GetRaw(core++);
            ulong length = (uint)frame.GetRaw(core++);
            if (pointer + length > linearSize)
                throw new GuestProtocolException(
                    $"The guest passed {import.Descriptor.Name} argument {slot} as {length} bytes at linear-memory address 0x{pointer:x}, beyond its {linearSize}-byte memory.");
            Span<byte> staged = frame.ReserveBytes(slot, (int)length);
            new ReadOnlySpan<byte>(linearMemory + pointer, (int)length).CopyTo(staged);
        }
    }

    /// <summary>Marks the frame for the thunk: the result (if any) in slot 0, its type, completed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Complete(CallFrame frame, BoundImport import)
    {
        AbiType result = import.Descriptor.Result;
        frame.ResultType = result;
        frame.SlotCount = result == AbiType.Void ? 0u : 1u;
        frame.Status = CallFrameStatus.HostCallCompleted;
    }
}
