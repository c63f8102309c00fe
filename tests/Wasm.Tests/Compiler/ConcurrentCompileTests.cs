using System.Collections.Concurrent;
using Hyperlight.Wasm.Tests.Differential;

namespace Hyperlight.Wasm.Tests.Compiler;

/// <summary>
/// Sandboxes compile on several threads at once. Each thread keeps its own assembler and encoder
/// between compiles, and each compile its own function compilers, so compiles interleaved on a
/// few threads must produce exactly the images that compiling one at a time does.
/// </summary>
public sealed class ConcurrentCompileTests
{
    [Fact]
    public void Compiles_on_several_threads_give_the_images_of_sequential_compiles()
    {
        // Random programs of many functions (long compiles, so they overlap) and the corpus.
        byte[][] modules =
        [
            .. Enumerable.Range(1, 4).Select(seed => global::Wasmtime.Module.ConvertText(new ProgramGenerator(seed).Module(80))),
            .. Corpus.Files().Select(Corpus.Load),
        ];
        byte[][] expected = [.. modules.Select(m => WasmCompiler.Compile(m).Code)];
        var mismatches = new ConcurrentBag<int>();

        Parallel.For(0, modules.Length * 12, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            int m = i % modules.Length;
            if (!WasmCompiler.Compile(modules[m]).Code.AsSpan().SequenceEqual(expected[m]))
                mismatches.Add(m);
        });

        Assert.Empty(mismatches.Distinct());
    }
}
