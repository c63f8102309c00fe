namespace Hyperlight;

/// <summary>
/// Byte layout of the call frame, the buffer both sides of a call read and write (docs/abi.md).
/// All fields little-endian.
/// </summary>
public static class CallFrameLayout
{
    /// <summary>u32: which function (export or import index, resolved when the sandbox is built).</summary>
    public const int FunctionIndexOffset = 0;
    /// <summary>u32: a <see cref="CallFrameStatus"/>.</summary>
    public const int StatusOffset = 4;
    /// <summary>u32: how many value slots hold arguments (before a call) or results (after it).</summary>
    public const int SlotCountOffset = 8;
    /// <summary>u32: bytes of the payload area in use.</summary>
    public const int PayloadLengthOffset = 12;
    /// <summary>u8: the <see cref="AbiType"/> of the result, so guest-side glue knows whether to copy string/bytes data.</summary>
    public const int ResultTypeOffset = 16;
    /// <summary>u8[<see cref="MaxSlots"/>]: the <see cref="AbiType"/> of each argument slot of a guest call.</summary>
    public const int SlotTypesOffset = 48;
    public const int HeaderSize = SlotTypesOffset + MaxSlots;

    /// <summary>
    /// Each slot holds one interface-level value; string/bytes slots hold (u32 payload offset, u32 length).
    /// Exception: a micro-VM guest's import glue writes flattened core values, one per slot, and the host lifts them.
    /// </summary>
    public const int SlotSize = 8;
    public const int MaxSlots = 32;
    public const int SlotsOffset = HeaderSize;

    /// <summary>Start of the payload area, where string and byte data are staged.</summary>
    public const int PayloadOffset = SlotsOffset + (MaxSlots * SlotSize);

    /// <summary>Smallest frame: header, slots and one page of payload.</summary>
    public const int MinimumSize = PayloadOffset + 4096;
}
