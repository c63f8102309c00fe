namespace Hyperlight.Vm;

/// <summary>What one guest needs laid out, before page rounding (from its image and the sandbox options).</summary>
/// <param name="ImageCodeSize">The image's code, bytes.</param>
/// <param name="StubsSize">The driver's stubs, placed after the image code (16-byte aligned), bytes.</param>
/// <param name="CallFrameSize">From <see cref="SandboxOptions.CallFrameSize"/>.</param>
/// <param name="DataSize">The image's globals/tables region, bytes.</param>
/// <param name="LinearMemoryInitial">Linear memory at instantiation, bytes (0 for a guest without memory).</param>
/// <param name="LinearMemoryReserve">Linear memory mapped for growth, bytes (≥ initial).</param>
internal readonly record struct GuestLayoutRequest(long ImageCodeSize, long StubsSize, long CallFrameSize, long DataSize, long LinearMemoryInitial, long LinearMemoryReserve);
