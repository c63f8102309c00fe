using Hyperlight.Images;

namespace Hyperlight.Tests.Shared;

/// <summary>
/// Images whose linear memories contradict each other. No compiler emits them, but a damaged cache
/// entry or a hand-built image can, so both the image reader and the sandbox loader must refuse them.
/// Each call builds a new image, so a test cannot disturb another's.
/// </summary>
internal static class InconsistentMemoryImages
{
    /// <summary>Memory 0 and one additional memory, with an "env.log" import that claims memory 2.</summary>
    public static GuestImage ImportOfAMissingMemory() => new()
    {
        Code = [0xC3],
        EntryOffset = 0,
        MemoryMinimumPages = 1,
        AdditionalMemories = [new GuestMemoryLimits(1, null)],
        Imports = [new GuestImport("env", "log", 0, [], []) { Memory = 2 }],
    };

    /// <summary>One additional memory, but no memory 0 for it to stand beside.</summary>
    public static GuestImage AdditionalMemoriesWithoutMemory0() =>
        new() { Code = [0xC3], EntryOffset = 0, AdditionalMemories = [new GuestMemoryLimits(1, null)] };
}
