using Headwater.Core.Destinations;

namespace Headwater.Connectors.Files;

public sealed partial class FileDestination : IDestinationCheck
{
    /// <summary>Creates the folder when missing, then writes and deletes a small file in it, as a run's delivery would.</summary>
    public async Task<DestinationCheckResult> Check(CancellationToken cancellationToken = default)
    {
        var folder = Path.GetFullPath(options.Folder);
        var probe = Path.Combine(folder, $".headwater-check-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(probe, "headwater", cancellationToken);
            File.Delete(probe);
            return DestinationCheckResult.Pass($"Wrote and removed a file in {folder}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DestinationCheckResult.Fail($"cannot write {folder}: {Reason(e)}",
                "Create the folder and let the account Headwater runs as write to it, or give another path.");
        }
    }
}
