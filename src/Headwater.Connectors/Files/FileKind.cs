using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Headwater.Core.Destinations;
using Headwater.Core.Mapping;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Connectors.Files;

/// <summary><c>type: file</c>: after each run, the full roster and the run's change set written as CSV or JSON
/// Lines into a folder (docs/file-destination.md). A file holds no accounts, so there is nothing to match or adopt.</summary>
public sealed class FileKind : DestinationKind
{
    private static readonly (string, FileFormat)[] Formats = [("csv", FileFormat.Csv), ("jsonl", FileFormat.JsonLines)];

    private static readonly (string, InactivePeople)[] InactiveChoices = [("keep", InactivePeople.Keep), ("omit", InactivePeople.Omit)];

    public override string Type => "file";

    public override IReadOnlyList<string> Keys { get; } = ["path", "format", "retain", "inactive"];

    public override IReadOnlyList<AttributeMapping> DefaultMapping => FileMapping.Defaults;

    public override IEnumerable<string> CheckMapping(IReadOnlyList<AttributeMapping> mappings) =>
        mappings.Where(m => FileMapping.FixedColumns.Contains(m.Target, StringComparer.OrdinalIgnoreCase))
            .Select(m => $"'{m.Target}' is a column every file has; map the value to another target");

    public override void Register(IServiceCollection services, string name, DestinationOptions options) =>
        services.AddKeyedSingleton<IDestination>(name, (_, _) => new FileDestination(name, (FileDestinationOptions)options));

    public override DestinationOptions? ReadOptions(ConfigSection section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        var before = section.Reader.Problems.Count;
        var path = section.Text("path", required: true);
        if (path is not null && string.IsNullOrWhiteSpace(path))
        {
            section.Problem("path", "the folder to write into must not be blank");
        }
        var format = section.Choice("format", Formats);
        var retain = section.WholeNumber("retain", 1, 100_000);
        var inactive = section.Choice("inactive", InactiveChoices);
        if (section.Reader.Problems.Count > before)
        {
            return null;
        }
        return new FileDestinationOptions
        {
            Folder = path!.Trim(),
            Format = format ?? FileFormat.Csv,
            Retain = retain ?? FileDestinationOptions.DefaultRetain,
            Inactive = inactive ?? InactivePeople.Keep,
        };
    }
}
