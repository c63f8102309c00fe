using System.Runtime.CompilerServices;
using System.Text;

namespace Hyperlight.Bindings;

/// <summary>
/// A view of the call frame (layout in <see cref="CallFrameLayout"/> and docs/abi.md): the memory
/// through which generated proxies and dispatchers exchange arguments and results with an engine.
/// The memory belongs to the engine (guest memory for the micro-VM, a native buffer for Wasmtime);
/// every read of guest-written data is checked against the frame's bounds.
/// </summary>
public readonly unsafe struct CallFrame
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte* _base;
    private readonly int _size;

    public CallFrame(byte* memory, int size)
    {
        if (size < CallFrameLayout.MinimumSize)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A call frame needs at least {CallFrameLayout.MinimumSize} bytes.");
        _base = memory;
        _size = size;
    }

    public int Size => _size;

    public byte* Address => _base;

    public int PayloadCapacity => _size - CallFrameLayout.PayloadOffset;

    public uint FunctionIndex
    {
        get => Unsafe.ReadUnaligned<uint>(_base + CallFrameLayout.FunctionIndexOffset);
        set => Unsafe.WriteUnaligned(_base + CallFrameLayout.FunctionIndexOffset, value);
    }

    public CallFrameStatus Status
    {
        get => (CallFrameStatus)Unsafe.ReadUnaligned<uint>(_base + CallFrameLayout.StatusOffset);
        set => Unsafe.WriteUnaligned(_base + CallFrameLayout.StatusOffset, (uint)value);
    }

    public uint SlotCount
    {
        get => Unsafe.ReadUnaligned<uint>(_base + CallFrameLayout.SlotCountOffset);
        set => Unsafe.WriteUnaligned(_base + CallFrameLayout.SlotCountOffset, value);
    }

    public uint PayloadLength
    {
        get => Unsafe.ReadUnaligned<uint>(_base + CallFrameLayout.PayloadLengthOffset);
        set => Unsafe.WriteUnaligned(_base + CallFrameLayout.PayloadLengthOffset, value);
    }

    /// <summary>The type of the call's result, for guest-side glue (guest calls) or the guest's import glue (host-call returns).</summary>
    public AbiType ResultType
    {
        get => (AbiType)_base[CallFrameLayout.ResultTypeOffset];
        set => _base[CallFrameLayout.ResultTypeOffset] = (byte)value;
    }

    /// <summary>The type of argument slot <paramref name="slot"/> of a guest call.</summary>
    public AbiType GetSlotType(int slot)
    {
        if ((uint)slot >= CallFrameLayout.MaxSlots)
            ThrowSlotOutOfRange(slot);
        return (AbiType)_base[CallFrameLayout.SlotTypesOffset + slot];
    }

    /// <summary>Writes the argument types and result type of a guest call, so the guest can stage strings and bytes.</summary>
    public void SetSignature(ReadOnlySpan<AbiType> parameters, AbiType result)
    {
        if (parameters.Length > CallFrameLayout.MaxSlots)
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Length, $"A call carries at most {CallFrameLayout.MaxSlots} values.");
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(parameters).CopyTo(new Span<byte>(_base + CallFrameLayout.SlotTypesOffset, CallFrameLayout.MaxSlots));
        ResultType = result;
    }

    /// <summary>Prepares the frame for a new call: header set, payload emptied.</summary>
    public void Begin(uint functionIndex, CallFrameStatus status, int slotCount)
    {
        if ((uint)slotCount > CallFrameLayout.MaxSlots)
            throw new ArgumentOutOfRangeException(nameof(slotCount), slotCount, $"A call carries at most {CallFrameLayout.MaxSlots} values.");
        FunctionIndex = functionIndex;
        Status = status;
        SlotCount = (uint)slotCount;
        PayloadLength = 0;
    }

    // ---- scalar slots -------------------------------------------------------------------------

    public ulong GetRaw(int slot) => Unsafe.ReadUnaligned<ulong>(SlotAddress(slot));

    public void SetRaw(int slot, ulong value) => Unsafe.WriteUnaligned(SlotAddress(slot), value);

    public int GetInt32(int slot) => (int)GetRaw(slot);

    public void SetInt32(int slot, int value) => SetRaw(slot, (uint)value);

    public long GetInt64(int slot) => (long)GetRaw(slot);

    public void SetInt64(int slot, long value) => SetRaw(slot, (ulong)value);

    public float GetSingle(int slot) => BitConverter.Int32BitsToSingle(GetInt32(slot));

    public void SetSingle(int slot, float value) => SetInt32(slot, BitConverter.SingleToInt32Bits(value));

    public double GetDouble(int slot) => BitConverter.Int64BitsToDouble(GetInt64(slot));

    public void SetDouble(int slot, double value) => SetInt64(slot, BitConverter.DoubleToInt64Bits(value));

    // ---- string and byte slots: (u32 payload offset, u32 length) --------------------------------

    /// <summary>Encodes <paramref name="value"/> as UTF-8 into the payload and points the slot at it.</summary>
    public void SetString(int slot, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> free = FreePayload();
        int written = maxBytes <= free.Length
            ? Encoding.UTF8.GetBytes(value, free)
            : EncodeExactly(value, free);
        CommitPayload(slot, written);
    }

    /// <summary>Copies <paramref name="value"/> into the payload and points the slot at it.</summary>
    public void SetBytes(int slot, ReadOnlySpan<byte> value)
    {
        Span<byte> free = FreePayload();
        if (value.Length > free.Length)
            throw PayloadTooLarge(value.Length, free.Length);
        value.CopyTo(free);
        CommitPayload(slot, value.Length);
    }

    /// <summary>Reserves <paramref name="length"/> payload bytes for the slot and returns them to be filled.</summary>
    public Span<byte> ReserveBytes(int slot, int length)
    {
        Span<byte> free = FreePayload();
        if ((uint)length > (uint)free.Length)
            throw PayloadTooLarge(length, free.Length);
        CommitPayload(slot, length);
        return free[..length];
    }

    /// <summary>The bytes a string/bytes slot points at, checked against the payload's bounds.</summary>
    public ReadOnlySpan<byte> GetBytesSpan(int slot)
    {
        ulong raw = GetRaw(slot);
        uint offset = (uint)raw;
        uint length = (uint)(raw >> 32);
        if ((ulong)offset + length > (ulong)PayloadCapacity)
            throw new GuestProtocolException(
                $"Call frame slot {slot} points at payload bytes [{offset}, {(ulong)offset + length}), outside the {PayloadCapacity}-byte payload area.");
        return new ReadOnlySpan<byte>(_base + CallFrameLayout.PayloadOffset + offset, (int)length);
    }

    public byte[] GetBytes(int slot) => GetBytesSpan(slot).ToArray();

    /// <summary>Decodes a string slot; invalid UTF-8 from the guest is a <see cref="GuestProtocolException"/>.</summary>
    public string GetString(int slot)
    {
        ReadOnlySpan<byte> bytes = GetBytesSpan(slot);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new GuestProtocolException($"The guest returned a string that is not valid UTF-8 (call frame slot {slot}, {bytes.Length} bytes, first bad byte at index {e.Index}).", e);
        }
    }

    /// <summary>The whole payload area, for engines that stage data themselves.</summary>
    public Span<byte> Payload => new(_base + CallFrameLayout.PayloadOffset, PayloadCapacity);

    private byte* SlotAddress(int slot)
    {
        if ((uint)slot >= CallFrameLayout.MaxSlots)
            ThrowSlotOutOfRange(slot);
        return _base + CallFrameLayout.SlotsOffset + (slot * CallFrameLayout.SlotSize);
    }

    private Span<byte> FreePayload()
    {
        uint used = PayloadLength;
        if (used > (uint)PayloadCapacity)
            throw new GuestProtocolException($"The call frame's payload length ({used}) exceeds its capacity ({PayloadCapacity}).");
        return new Span<byte>(_base + CallFrameLayout.PayloadOffset + used, PayloadCapacity - (int)used);
    }

    private void CommitPayload(int slot, int length)
    {
        uint offset = PayloadLength;
        SetRaw(slot, offset | ((ulong)(uint)length << 32));
        // Keep each staged value 8-byte aligned so guest-side copies can use wide moves.
        PayloadLength = (uint)Math.Min(PayloadCapacity, (int)((offset + (uint)length + 7) & ~7u));
    }

    private int EncodeExactly(string value, Span<byte> free)
    {
        int needed = Encoding.UTF8.GetByteCount(value);
        if (needed > free.Length)
            throw PayloadTooLarge(needed, free.Length);
        return Encoding.UTF8.GetBytes(value, free);
    }

    private PayloadTooLargeException PayloadTooLarge(int needed, int available) =>
        new($"A call needs {needed} more bytes of string/byte data but the call frame has {available} left (frame size {_size} bytes). Raise SandboxOptions.CallFrameSize.");

    private static void ThrowSlotOutOfRange(int slot) =>
        throw new ArgumentOutOfRangeException(nameof(slot), slot, $"A call frame has {CallFrameLayout.MaxSlots} slots.");
}
