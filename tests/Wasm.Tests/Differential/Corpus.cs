using System.Runtime.CompilerServices;

namespace Hyperlight.Wasm.Tests.Differential;

/// <summary>The WAT modules under Corpus/, found next to this source file.</summary>
internal static class Corpus
{
    public static IEnumerable<string> Files() => Directory.GetFiles(DirectoryPath(), "*.wat").Select(f => Path.GetFileName(f)).Order();

    public static byte[] Load(string file) => global::Wasmtime.Module.ConvertText(File.ReadAllText(Path.Combine(DirectoryPath(), file)));

    private static string DirectoryPath([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Corpus");
}
