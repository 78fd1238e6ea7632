using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;

namespace Headwater.Connectors.Tests.Files;

/// <summary>A folder of its own under the temp directory, removed when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "headwater-files-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public IReadOnlyList<string> Names() =>
        Directory.Exists(Path) ? [.. Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!] : [];

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>Reads what a file destination wrote, independently of it: each row as its columns' text (an empty
/// field or a JSON null as null, a JSON boolean as true/false).</summary>
public static class WrittenFiles
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string?>> Rows(string path) =>
        path.EndsWith(".csv", StringComparison.Ordinal) ? Csv(path) : [.. JsonLines(path).Select(Flatten)];

    public static IReadOnlyList<IReadOnlyDictionary<string, string?>> Csv(string path)
    {
        using var csv = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        while (csv.Read())
        {
            rows.Add(csv.Headers.Select((name, i) => (name, value: csv.GetString(i)))
                .ToDictionary(f => f.name, f => string.IsNullOrEmpty(f.value) ? null : f.value));
        }
        return rows;
    }

    public static IReadOnlyList<string> CsvHeader(string path)
    {
        using var csv = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',' });
        csv.ReadHeader();
        return [.. csv.Headers];
    }

    /// <summary>Each line parsed on its own, as a consumer of JSON Lines would.</summary>
    public static IReadOnlyList<JsonObject> JsonLines(string path) =>
        [.. File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];

    private static IReadOnlyDictionary<string, string?> Flatten(JsonObject line) =>
        line.ToDictionary(p => p.Key, p => p.Value switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            var other => other.ToJsonString(),
        });
}
