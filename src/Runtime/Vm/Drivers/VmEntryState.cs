namespace Hyperlight.Vm.Drivers;

/// <summary>The registers a guest call starts with (vm-brief "Entry and exits"); the rest of the CPU state is fixed.</summary>
/// <param name="Rip">Code base + <see cref="Images.GuestImage.EntryOffset"/>.</param>
/// <param name="Rsp">Top of the guest stack minus 8, as right after a <c>call</c> (VM drivers; ignored in-process).</param>
/// <param name="Rdi">Guest address of the control page.</param>
internal readonly record struct VmEntryState(ulong Rip, ulong Rsp, ulong Rdi);
