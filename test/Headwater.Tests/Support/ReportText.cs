using System.Text.Json;
using CsvHelper;

namespace Headwater.Tests.Support;

/// <summary>Reads CSV and JSON Lines back as their consumers would (a run report, a file destination's file): CSV with
/// CsvHelper, JSON Lines a line at a time.</summary>
public static class ReportText
{
    /// <summary>Each row by column name; an empty cell is null.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string?>> Csv(string text)
    {
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        while (csv.Read())
        {
            rows.Add(csv.Headers.Select((name, i) => (name, value: csv.GetString(i)))
                .ToDictionary(f => f.name, f => string.IsNullOrEmpty(f.value) ? null : f.value));
        }
        return rows;
    }

    public static IReadOnlyList<string> CsvHeader(string text)
    {
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = ',' });
        csv.ReadHeader();
        return [.. csv.Headers];
    }

    /// <summary>Each line parsed on its own; every line, the last too, must end in \n.</summary>
    public static IReadOnlyList<JsonElement> JsonLines(string text)
    {
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "The last JSON line does not end in \\n.");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }
}
