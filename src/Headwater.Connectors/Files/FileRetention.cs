using System.Globalization;

namespace Headwater.Connectors.Files;

/// <summary>Keeps the newest timestamped rosters and, separately, the newest change sets of one destination, and
/// deletes the older ones. Files of another destination, the latest roster and anything else are never touched.</summary>
internal static class FileRetention
{
    /// <summary>Newest by timestamp, then by run id. A file that cannot be deleted is left for the next run: the
    /// run's own files are written by then, so it is not a reason to deliver the run again.</summary>
    public static void Prune(string folder, string destination, int retain)
    {
        var pattern = RunFileNames.Timestamped(destination);
        var files = Directory.EnumerateFiles(folder, destination + "-*")
            .Select(path => (Path: path, Match: pattern.Match(Path.GetFileName(path))))
            .Where(f => f.Match.Success)
            .Select(f => (f.Path, Kind: f.Match.Groups["kind"].Value, Stamp: f.Match.Groups["stamp"].Value,
                Run: long.Parse(f.Match.Groups["run"].Value, CultureInfo.InvariantCulture)));
        foreach (var kind in files.GroupBy(f => f.Kind))
        {
            foreach (var old in kind.OrderByDescending(f => f.Stamp, StringComparer.Ordinal).ThenByDescending(f => f.Run).Skip(retain))
            {
                AtomicFile.TryDelete(old.Path);
            }
        }
    }
}
