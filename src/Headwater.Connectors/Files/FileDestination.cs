using Headwater.Core.Destinations;

namespace Headwater.Connectors.Files;

/// <summary>
/// Writes each run into a folder: the full roster (the latest under a fixed name, plus a timestamped copy) and the
/// run's change set, as CSV or JSON Lines, each file replaced atomically. Old timestamped files beyond
/// <see cref="FileDestinationOptions.Retain"/> are deleted. A folder that cannot be created or written is a failed delivery,
/// never an exception, so the engine marks the run's changes failed and the next run delivers them again.
/// </summary>
public sealed partial class FileDestination(string name, FileDestinationOptions options) : IRunReceiver
{
    public string Name { get; } = name;

    public async Task<DeliveryResult> Receive(RunDelivery run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var folder = Path.GetFullPath(options.Folder);
        try
        {
            Directory.CreateDirectory(folder);
            var names = RunFileNames.For(Name, run, options.Extension);
            var roster = Path.Combine(folder, names.Roster);
            await AtomicFile.Write(roster, stream => WriteRoster(stream, run, cancellationToken), cancellationToken);
            await AtomicFile.Write(Path.Combine(folder, names.Changes), stream => WriteChanges(stream, run, cancellationToken),
                cancellationToken);
            // The latest roster last: a consumer that sees it replaced finds the run's change set already there.
            await AtomicFile.Copy(roster, Path.Combine(folder, names.Latest), cancellationToken);
            FileRetention.Prune(folder, Name, options.Retain);
            return DeliveryResult.Delivered(roster);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DeliveryResult.Failed($"cannot write {folder}: {Reason(e)}");
        }
    }

    private Task WriteRoster(Stream stream, RunDelivery run, CancellationToken cancellationToken) => options.Format == FileFormat.Csv
        ? CsvRunWriter.WriteRoster(stream, run, options.Inactive, cancellationToken)
        : JsonLinesRunWriter.WriteRoster(stream, run, options.Inactive, cancellationToken);

    private Task WriteChanges(Stream stream, RunDelivery run, CancellationToken cancellationToken) => options.Format == FileFormat.Csv
        ? CsvRunWriter.WriteChanges(stream, run, cancellationToken)
        : JsonLinesRunWriter.WriteChanges(stream, run, cancellationToken);

    /// <summary>The cause in a few words where it is a common one; the system's message otherwise.</summary>
    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        // ENOSPC on Linux and macOS, ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.
        IOException { HResult: 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027) } => "the disk is full",
        _ => e.Message,
    };
}
