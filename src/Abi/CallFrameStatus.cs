namespace Hyperlight;

/// <summary>Values of the call frame's status field (docs/abi.md).</summary>
public enum CallFrameStatus : uint
{
    Idle = 0,
    /// <summary>Host → guest: the arguments are in place, run the function.</summary>
    GuestCallRequested = 1,
    /// <summary>Guest → host: the results are in place.</summary>
    GuestCallCompleted = 2,
    /// <summary>Guest → host: run the imported host function named by the function index.</summary>
    HostCallRequested = 3,
    /// <summary>Host → guest: the host function's results are in place.</summary>
    HostCallCompleted = 4,
    /// <summary>Host → guest: the host function failed; unwind without running more guest code.</summary>
    HostCallFailed = 5,
}
