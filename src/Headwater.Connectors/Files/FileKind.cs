using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Headwater.Core.Destinations;
using Headwater.Core.Mapping;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Connectors.Files;

/// <summary><c>type: file</c>: after each run, the full roster and the run's change set written as CSV or JSON
/// Lines into a folder (docs/file-destination.md). A file holds no accounts, so there is nothing to match or adopt.</summary>
public sealed class FileKind : DestinationKind<FileConfig>
{
    private static readonly (string, FileFormat)[] Formats = [("csv", FileFormat.Csv), ("jsonl", FileFormat.JsonLines)];

    private static readonly (string, InactivePeople)[] InactiveChoices = [("keep", InactivePeople.Keep), ("omit", InactivePeople.Omit)];

    public override string Type => "file";

    public override IReadOnlyList<string> Keys { get; } = ["path", "format", "retain", "inactive"];

    public override IReadOnlyList<KeyLabel> Labels => FileLabels.All;

    public override IReadOnlyList<AttributeMapping> DefaultMapping => FileMapping.Defaults;

    public override IEnumerable<string> CheckMapping(IReadOnlyList<AttributeMapping> mappings, KindConfig? settings = null) =>
        mappings.Where(m => FileMapping.FixedColumns.Contains(m.Target, StringComparer.OrdinalIgnoreCase))
            .Select(m => $"'{m.Target}' is a column every file has; map the value to another target");

    public override void Register(IServiceCollection services, string name, DestinationOptions options) =>
        services.AddKeyedSingleton<IDestination>(name, (_, _) => new FileDestination(name, (FileDestinationOptions)options));

    public override KindConfig Bind(ConfigSection section, string name) => FileConfig.Bind(section);

    protected override DestinationOptions? Validate(FileConfig file, ConfigCheck check, string name)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(check);
        var before = check.Reader.Problems.Count;
        var path = check.Text("path", file.Path, required: true);
        if (path is not null && string.IsNullOrWhiteSpace(path))
        {
            check.Problem("path", "the folder to write into must not be blank");
        }
        var format = check.Choice("format", file.Format, Formats);
        var retain = check.WholeNumber("retain", file.Retain, 1, 100_000);
        var inactive = check.Choice("inactive", file.Inactive, InactiveChoices);
        if (check.Reader.Problems.Count > before)
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
