namespace Headwater.Benchmarks;

/// <summary>What a benchmark ran on, for its output: cores, CPU model and the load from other work.</summary>
internal static class Machine
{
    /// <summary>The 1-minute load average.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    public static string Describe()
    {
        var modelLine = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        var model = modelLine?.Split(':', 2)[1].Trim();
        return $"{Environment.ProcessorCount} cores ({model ?? "CPU model unknown"}), load average {LoadAverage()}";
    }
}
