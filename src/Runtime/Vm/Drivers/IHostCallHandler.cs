namespace Hyperlight.Vm.Drivers;

/// <summary>
/// The engine's side of a host call, for drivers that cannot leave the guest on an <c>out</c>
/// (the in-process driver calls it from its host-call callback).
/// </summary>
internal interface IHostCallHandler
{
    /// <summary>
    /// Runs the host call described by the call frame and writes its status
    /// (<see cref="CallFrameStatus.HostCallCompleted"/> or <see cref="CallFrameStatus.HostCallFailed"/>).
    /// Never throws: a failure is kept by the engine and reported when the guest call ends.
    /// Returns true when the guest may continue.
    /// </summary>
    bool HandleHostCall();
}
