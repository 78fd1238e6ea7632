using Headwater.Connectors.Files;
using Headwater.Connectors.Tests.Destinations;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Tests.Files;

/// <summary>The run-receiver conformance suite against the file destination, in each format, reading the files back
/// with an independent parser.</summary>
public abstract class FileDestinationConformanceTests(FileFormat format) : RunReceiverConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();

    private string Extension => new FileDestinationOptions { Folder = _folder.Path, Format = format }.Extension;

    protected override IRunReceiver CreateReceiver() =>
        new FileDestination("people", new FileDestinationOptions { Folder = _folder.Path, Format = format });

    /// <summary>A folder that cannot be created: a file stands where its parent should be.</summary>
    protected override IRunReceiver CreateBrokenReceiver()
    {
        Directory.CreateDirectory(_folder.Path);
        File.WriteAllText(_folder.File("blocker"), "");
        var folder = Path.Combine(_folder.File("blocker"), "out");
        return new FileDestination("people", new FileDestinationOptions { Folder = folder, Format = format });
    }

    protected override Task<IReadOnlyList<ReceivedPerson>> ReadRoster() => Task.FromResult<IReadOnlyList<ReceivedPerson>>(
        [.. WrittenFiles.Rows(_folder.File($"people-roster.{Extension}")).Select(row =>
            new ReceivedPerson(row["workerId"]!, row["active"] == "true", row, row["managerWorkerId"]))]);

    protected override Task<IReadOnlyList<ReceivedChange>> ReadChanges(int runId)
    {
        var file = Assert.Single(_folder.Names(), n =>
            n.StartsWith("people-changes-", StringComparison.Ordinal) && n.EndsWith($"-run{runId}.{Extension}", StringComparison.Ordinal));
        return Task.FromResult<IReadOnlyList<ReceivedChange>>(
            [.. WrittenFiles.Rows(_folder.File(file)).Select(row => new ReceivedChange(row["workerId"]!, row["change"]!))]);
    }

    public void Dispose()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class CsvFileDestinationConformanceTests() : FileDestinationConformanceTests(FileFormat.Csv);

public sealed class JsonLinesFileDestinationConformanceTests() : FileDestinationConformanceTests(FileFormat.JsonLines);
