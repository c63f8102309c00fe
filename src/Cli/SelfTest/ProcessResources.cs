namespace Hyperlight.Cli.SelfTest;

/// <summary>Open file descriptors and memory mappings of this process, from /proc: what a leaking VM would grow.</summary>
internal readonly record struct ProcessResources(int FileDescriptors, int Mappings)
{
    public static ProcessResources Now() => new(
        Directory.GetFiles("/proc/self/fd").Length,
        File.ReadLines("/proc/self/maps").Count());
}
