namespace Headwater.Connectors.Files;

/// <summary>
/// Replaces a file all at once: the content goes to a temporary file in the same folder, is flushed to disk, and is
/// then renamed over the final name (a rename within one file system is atomic), so a reader sees the old file or
/// the new one, never half of one. The temporary file is removed if anything fails.
/// </summary>
internal static class AtomicFile
{
    public const string TemporaryExtension = ".tmp";

    public static async Task Write(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        // Hidden and unique, so a consumer watching for *.csv never picks it up and two writers never share one.
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TemporaryExtension}");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024,
                FileOptions.Asynchronous))
            {
                await write(stream);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Deletes the file if it can; false when it could not (the caller's own failure is the one to report).</summary>
    public static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Replaces <paramref name="path"/> with a copy of <paramref name="source"/>, atomically.</summary>
    public static Task Copy(string source, string path, CancellationToken cancellationToken) =>
        Write(path, async target =>
        {
            await using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            await from.CopyToAsync(target, cancellationToken);
        }, cancellationToken);
}
