using System.Runtime.CompilerServices;

namespace Headwater.Testing;

/// <summary>Where the repository is, for tests and benchmarks that start its scripts and peers.</summary>
internal static class Repository
{
    /// <summary>The nearest folder holding Headwater.slnx above the build output, the current directory or this source
    /// file (the build output may be outside the repository).</summary>
    public static string Root([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var directory = start.Length > 0 ? new DirectoryInfo(start) : null; directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Headwater.slnx")))
                {
                    return directory.FullName;
                }
            }
        }
        throw new InvalidOperationException($"Headwater.slnx was not found above {AppContext.BaseDirectory}.");
    }
}
