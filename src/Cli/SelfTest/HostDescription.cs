namespace Hyperlight.Cli.SelfTest;

/// <summary>One line about the machine, so figures from different hosts are not compared blindly.</summary>
internal static class HostDescription
{
    public static string Describe()
    {
        string kernel = ReadFirstLine("/proc/sys/kernel/osrelease") ?? "unknown kernel";
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        string[] modules = [.. new[] { "kvm_intel", "kvm_amd", "kvm_pvm" }.Where(m => Directory.Exists($"/sys/module/{m}"))];
        string backend = modules.Length == 0 ? "KVM module not visible in /sys/module" : string.Join(", ", modules);
        return $"Linux {kernel}, {cpu}, {Environment.ProcessorCount} CPUs, {backend}";
    }

    private static string? ReadFirstLine(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
}
