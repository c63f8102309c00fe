using Hyperlight.Tests.Shared;

namespace Hyperlight.Tests.Instances;

/// <summary>Guest functions with string data that the main module defines or re-exports from a library.</summary>
[GuestFunction]
public partial interface IUpperGuest
{
    /// <summary>The library's, re-exported by the main module.</summary>
    [GuestFunction("upper")] string Upper(string text);

    /// <summary>The main module's own.</summary>
    [GuestFunction("echo")] string Echo(string text);
}

/// <summary>
/// A typed call of a function the main module re-exports from a library with its own memory, on
/// every engine: the argument is staged in the library's memory by the library's allocator, and the
/// result is read from there, while the main module's own exports keep using its memory.
/// </summary>
public sealed class ReexportedStringTests
{
    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_reexported_function_reads_its_argument_in_its_own_modules_memory(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Builder(engine, ReexportGuests.Main).WithLinkedModule("lib", Wat.ToWasm(ReexportGuests.Library)).Build();
        IUpperGuest guest = sandbox.Guest<IUpperGuest>();

        Assert.Equal("HELLO", guest.Upper("hello"));
        Assert.Equal("again", guest.Echo("again"));
        Assert.Equal("AGAIN", guest.Upper("again"));

        // The main module's allocator handed out only what its own Echo needed.
        var mainHeap = new byte[10];
        sandbox.ReadMemory("memory", 4096, mainHeap);
        Assert.Equal("again\0\0\0\0\0"u8.ToArray(), mainHeap);
    }
}
