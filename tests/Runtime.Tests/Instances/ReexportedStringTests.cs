using Hyperlight.Tests.Shared;

namespace Hyperlight.Tests.Instances;

/// <summary>Guest functions with string data that the main module defines or re-exports from a library.</summary>
[GuestFunction]
public partial interface IUpperGuest
{
    /// <summary>The library's, re-exported by the main module.</summary>
    string Upper(string text);

    /// <summary>The main module's own.</summary>
    string Echo(string text);
}

/// <summary>
/// A typed call of a function the main module re-exports from a library with its own memory, on
/// every engine: the argument is staged in the library's memory by the library's allocator, and the
/// result is read from there, while the main module's own exports keep using its memory.
/// </summary>
public sealed class ReexportedStringTests
{
    /// <summary>Two pages, allocating from 4096.</summary>
    private const string Main = """
        (module
          (import "lib" "upper" (func $upper (param i32 i32) (result i32)))
          (memory (export "memory") 2)
          (global $heap (mut i32) (i32.const 4096))
          (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
            (global.get $heap)
            (global.set $heap (i32.add (global.get $heap) (local.get 3))))
          (export "Upper" (func $upper))
          (func (export "Echo") (param i32 i32) (result i32)
            (i32.store (i32.const 16) (local.get 0))
            (i32.store (i32.const 20) (local.get 1))
            (i32.const 16)))
        """;

    public static TheoryData<TestEngine> Engines => TestEngines.All;

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void A_reexported_function_reads_its_argument_in_its_own_modules_memory(TestEngine engine)
    {
        using Sandbox sandbox = TestEngines.Builder(engine, Main).WithLinkedModule("lib", Wat.ToWasm(ReexportGuests.Library)).Build();
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
