namespace Hyperlight.Vm;

/// <summary>What one guest needs laid out, before page rounding (from its image and the sandbox options).</summary>
/// <param name="ImageCodeSize">The image's code, bytes.</param>
/// <param name="StubsSize">The driver's stubs, placed after the image code (16-byte aligned), bytes.</param>
/// <param name="CallFrameSize">From <see cref="SandboxOptions.CallFrameSize"/>.</param>
/// <param name="DataSize">The image's globals/tables region, bytes.</param>
/// <param name="LinearMemoryInitial">Linear memory 0 at instantiation, bytes (0 for a guest without memory).</param>
/// <param name="LinearMemoryReserve">Linear memory 0 mapped for growth, bytes (≥ initial).</param>
internal readonly record struct GuestLayoutRequest(long ImageCodeSize, long StubsSize, long CallFrameSize, long DataSize, long LinearMemoryInitial, long LinearMemoryReserve)
{
    private readonly IReadOnlyList<LinearMemoryRequest>? _additionalMemories;

    /// <summary>Linear memories 1.. of a guest with several, each laid out after the one before it with its own guard.</summary>
    public IReadOnlyList<LinearMemoryRequest> AdditionalMemories
    {
        get => _additionalMemories ?? [];
        init => _additionalMemories = value;
    }

    /// <summary>Every linear memory, memory 0 first.</summary>
    public IEnumerable<LinearMemoryRequest> Memories => AdditionalMemories.Prepend(new LinearMemoryRequest(LinearMemoryInitial, LinearMemoryReserve));
}

/// <summary>One linear memory: bytes in use at instantiation, and bytes mapped for growth (≥ initial).</summary>
internal readonly record struct LinearMemoryRequest(long Initial, long Reserve);
