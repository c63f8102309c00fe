using System.Buffers.Binary;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Calls;

/// <summary>
/// The guest's exported linear memory (<c>memory</c>) and allocator (<c>cabi_realloc</c>), with every
/// address the guest hands out checked against the memory's current size before the host touches it.
/// Spans are fetched per access because any call into the guest may grow (and move) the memory.
/// </summary>
internal sealed class GuestMemory
{
    public const string MemoryExport = "memory";
    public const string ReallocExport = "cabi_realloc";

    private readonly Memory? _memory;
    private readonly Func<int, int, int, int, int>? _realloc;

    public GuestMemory(Instance instance)
        : this(instance.GetMemory(MemoryExport), instance.GetFunction<int, int, int, int, int>(ReallocExport))
    {
    }

    private GuestMemory(Memory? memory, Func<int, int, int, int, int>? realloc)
    {
        _memory = memory;
        _realloc = realloc;
    }

    /// <summary>The memory and allocator of the module making a host call, or null when it exports no memory.</summary>
    public static GuestMemory? OfCaller(Caller caller) =>
        caller.GetMemory(MemoryExport) is { } memory
            ? new GuestMemory(memory, caller.GetFunction(ReallocExport)?.WrapFunc<int, int, int, int, int>())
            : null;

    /// <summary>Guest bytes [address, address + length), or a <see cref="GuestProtocolException"/> naming <paramref name="what"/>.</summary>
    public ReadOnlySpan<byte> Read(uint address, uint length, string what) => Access(address, length, what);

    /// <summary>Reads a canonical-ABI (ptr, len) pair at <paramref name="address"/> (an export's return area).</summary>
    public (uint Pointer, uint Length) ReadPointerAndLength(uint address, string what)
    {
        Span<byte> record = Access(address, 8, what);
        return (BinaryPrimitives.ReadUInt32LittleEndian(record), BinaryPrimitives.ReadUInt32LittleEndian(record[4..]));
    }

    /// <summary>
    /// Writes a canonical-ABI (ptr, len) pair at <paramref name="address"/> (a host function's string/bytes
    /// result, at the retptr the guest passed).
    /// </summary>
    public void WritePointerAndLength(uint address, uint pointer, uint length, string what)
    {
        Span<byte> record = Access(address, 8, what);
        BinaryPrimitives.WriteUInt32LittleEndian(record, pointer);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], length);
    }

    /// <summary>Asks the guest for <paramref name="length"/> bytes (byte-aligned, as strings and byte lists are) and checks what it returns.</summary>
    public Span<byte> Allocate(int length, string what, out uint address)
    {
        Func<int, int, int, int, int> realloc = _realloc
            ?? throw new GuestBindingException($"The module must export '{ReallocExport}' (i32, i32, i32, i32) -> i32 to receive {what}.");
        address = (uint)realloc(0, 0, 1, length);
        return Access(address, (uint)length, what, allocated: true);
    }

    // `what` is a description fixed when the export or import was bound: the success path builds no strings.
    private Span<byte> Access(uint address, uint length, string what, bool allocated = false)
    {
        Memory memory = _memory ?? throw new GuestBindingException($"The module must export its linear memory as '{MemoryExport}' to exchange {what}.");
        long size = memory.GetLength();
        if ((long)address + length > size || length > int.MaxValue)
            throw OutOfBounds(address, length, size, allocated ? $"memory that {ReallocExport} returned for {what}" : what);
        return length == 0 ? [] : memory.GetSpan(address, (int)length);
    }

    private static GuestProtocolException OutOfBounds(uint address, uint length, long size, string what) =>
        new($"The guest's {what} is at bytes [{address}, {(long)address + length}) but its linear memory has {size} bytes. Nothing was read or written.");
}
