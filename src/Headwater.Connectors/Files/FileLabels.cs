using Headwater.Connectors.Destinations;

namespace Headwater.Connectors.Files;

/// <summary>The labels and hints of <c>type: file</c>'s keys, as forms show them (docs/file-destination.md).</summary>
internal static class FileLabels
{
    public static IReadOnlyList<KeyLabel> All { get; } =
    [
        new("path", "Folder", "The folder the files are written into."),
        new("format", "Format", "csv (default) or jsonl."),
        new("retain", "Files kept", "Timestamped files of each kind kept, 1 to 100000 (default 30)."),
        new("inactive", "Inactive people", "keep (default) lists people whose access has ended; omit leaves them out."),
    ];
}
