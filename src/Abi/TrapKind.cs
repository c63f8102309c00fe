namespace Hyperlight;

/// <summary>
/// Why a guest stopped through the trap port. The numbers are part of the guest ABI: compiled code
/// writes them into the control page's trap record (see docs/abi.md).
/// </summary>
public enum TrapKind : uint
{
    Unknown = 0,
    Unreachable = 1,
    IntegerDivideByZero = 2,
    IntegerOverflow = 3,
    InvalidConversionToInteger = 4,
    MemoryOutOfBounds = 5,
    TableOutOfBounds = 6,
    IndirectCallTypeMismatch = 7,
    UninitializedElement = 8,
    CallStackExhausted = 9,
    /// <summary>The host asked the guest to stop (timeout or cancellation) and the guest noticed at a poll point.</summary>
    Interrupted = 10,
    /// <summary>The guest broke the call protocol (bad pointer or length handed back, corrupt frame).</summary>
    ProtocolViolation = 11,
    /// <summary>A host function failed; the guest was unwound without running more of its code.</summary>
    HostFunctionFailed = 12,
}
