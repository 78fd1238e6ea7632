using Headwater.Core.Destinations;

namespace Headwater.Connectors.Files;

/// <summary>How the files are written: CSV (RFC 4180) or JSON Lines, one object a line.</summary>
public enum FileFormat { Csv, JsonLines }

/// <summary>Whether people whose access has ended stay in the roster (with <c>active</c> false) or are left out.</summary>
public enum InactivePeople { Keep, Omit }

/// <summary>
/// Where a file destination writes and how: the folder (created when missing), the format, how many timestamped
/// copies of each kind of file are kept, and whether deactivated people stay in the roster.
/// </summary>
public sealed record FileDestinationOptions : DestinationOptions
{
    public const int DefaultRetain = 30;

    public required string Folder { get; init; }

    public FileFormat Format { get; init; } = FileFormat.Csv;

    /// <summary>The newest timestamped rosters kept, and separately the newest change sets; older ones are deleted.</summary>
    public int Retain { get; init; } = DefaultRetain;

    public InactivePeople Inactive { get; init; } = InactivePeople.Keep;

    /// <summary>The file name extension of <see cref="Format"/>, without the dot.</summary>
    public string Extension => Format == FileFormat.Csv ? "csv" : "jsonl";

    public override string ToString() => $"{Folder} ({Extension})";
}
