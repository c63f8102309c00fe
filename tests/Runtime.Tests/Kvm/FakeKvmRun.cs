using System.Runtime.InteropServices;
using Hyperlight.Vm.Kvm.Abi;

namespace Hyperlight.Tests.Kvm;

/// <summary>A zeroed, heap-allocated stand-in for a vCPU's mmapped <c>kvm_run</c> area (three pages, as KVM maps on x86).</summary>
internal sealed unsafe class FakeKvmRun : IDisposable
{
    public const int MappingLength = 3 * 4096;

    public FakeKvmRun() => Run = (KvmRun*)NativeMemory.AllocZeroed(MappingLength);

    public KvmRun* Run { get; }

    /// <summary>Fills in an I/O exit the way KVM does: details in the union, data in the second page.</summary>
    public void SetIo(KvmIoDirection direction, ushort port, byte size, uint count, ReadOnlySpan<byte> data, ulong dataOffset = 4096)
    {
        Run->ExitReason = KvmExitReason.Io;
        Run->Io = new KvmRunIo { Direction = direction, Port = port, Size = size, Count = count, DataOffset = dataOffset };
        if (dataOffset + (ulong)data.Length <= MappingLength)
            data.CopyTo(new Span<byte>((byte*)Run + dataOffset, data.Length));
    }

    public void Dispose() => NativeMemory.Free(Run);
}
