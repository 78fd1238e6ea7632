using System.Text;
using CsvHelper;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Reports;

/// <summary>The formats a run report is written in.</summary>
public enum ReportFormat
{
    /// <summary>RFC 4180 CSV, CRLF line ends, one row per change; the values that drove it in one <c>values</c> cell.</summary>
    Csv,
    /// <summary>One JSON object per line, each ending in <c>\n</c>; the values that drove it as an object.</summary>
    JsonLines,
}

/// <summary>
/// A run's per-worker outcomes, for whoever fixes the data in UKG or the destination: as CSV or JSON Lines, from the
/// CLI (<c>headwater runs show N --csv</c>), the service's report endpoints, and whatever attaches a report to a message.
/// </summary>
public static class RunReport
{
    /// <summary>The columns of the CSV, and the fields of each JSON line, in order.</summary>
    public static readonly string[] Columns =
        ["destination", "employeeId", "employeeNumber", "name", "change", "outcome", "code", "reason", "error", "values"];

    // As the file destination writes CSV: names and errors come from UKG and destinations, so a cell starting with
    // = + - @ (or a tab or carriage return) is prefixed with ' and a spreadsheet shows it rather than running it.
    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = false,
    };

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string ContentType(ReportFormat format) =>
        format == ReportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";

    public static string Extension(ReportFormat format) => format == ReportFormat.Csv ? "csv" : "jsonl";

    /// <summary>Each change's row with its worker's number and name, in the order the changes were planned. The query
    /// runs as the rows are read, one at a time, so a run of 100,000 changes is never held at once.</summary>
    /// <param name="db">The state, scoped to the run's integration.</param>
    /// <param name="changes">The changes to report, filtered as wanted.</param>
    public static IAsyncEnumerable<RunReportRow> Rows(HeadwaterDb db, IQueryable<ChangeRecord> changes)
    {
        ArgumentNullException.ThrowIfNull(db);
        return changes.AsNoTracking().OrderBy(c => c.Id)
            .LeftJoin(db.Workers, c => c.WorkerId, w => w.Id, (c, w) => new
            {
                Change = c,
                Number = w == null ? null : w.EmployeeNumber,
                Name = w == null ? null : w.DisplayName,
            })
            .AsAsyncEnumerable()
            .Select(r => RunReportRow.Of(r.Change, r.Number, r.Name));
    }

    /// <param name="writer">Where the report goes; only its asynchronous methods are used, so it may wrap a response body.</param>
    /// <param name="format">CSV or JSON Lines.</param>
    /// <param name="rows">The rows, in order.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    public static Task WriteAsync(TextWriter writer, ReportFormat format, IAsyncEnumerable<RunReportRow> rows,
        CancellationToken cancellationToken) => format == ReportFormat.Csv
        ? WriteCsvAsync(writer, rows, cancellationToken)
        : WriteJsonLinesAsync(writer, rows, cancellationToken);

    /// <summary>The changes as CSV bytes (UTF-8, no byte order mark), e.g. to attach to a message.</summary>
    /// <param name="changes">The changes, in order.</param>
    /// <param name="workers">The stored workers by employee ID; a change whose worker is missing has no number or name.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    public static async Task<byte[]> WriteCsvAsync(IEnumerable<ChangeRecord> changes, IReadOnlyDictionary<string, WorkerRecord> workers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(workers);
        var rows = changes.Select(c => workers.GetValueOrDefault(c.WorkerId) is { } w
            ? RunReportRow.Of(c, w.EmployeeNumber, w.DisplayName)
            : RunReportRow.Of(c, null, null));
        using var stream = new MemoryStream();
        await using (var writer = new StreamWriter(stream, Utf8, leaveOpen: true))
        {
            await WriteCsvAsync(writer, rows.ToAsyncEnumerable(), cancellationToken);
        }
        return stream.ToArray();
    }

    /// <summary>A header, then a row per change. The <c>values</c> cell holds the values that drove the change as
    /// <c>key=value</c> pairs joined by <c>"; "</c> (an empty value as <c>key=</c>), for people to read; JSON Lines keeps
    /// them exactly.</summary>
    /// <param name="writer">Where the CSV goes.</param>
    /// <param name="rows">The rows, in order.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    public static async Task WriteCsvAsync(TextWriter writer, IAsyncEnumerable<RunReportRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = CsvWriter.Create(writer, CsvOptions, leaveOpen: true);
        csv.WriteHeader(Columns);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync([row.Destination, row.EmployeeId, row.EmployeeNumber, row.Name, row.Change, row.Outcome, row.Code,
                row.Reason, row.Error, string.Join("; ", row.Values.Select(v => $"{v.Key}={v.Value}"))], cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>One JSON object per row, each on its own line ending in <c>\n</c>; <c>values</c> is an object.</summary>
    /// <param name="writer">Where the lines go.</param>
    /// <param name="rows">The rows, in order.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    public static async Task WriteJsonLinesAsync(TextWriter writer, IAsyncEnumerable<RunReportRow> rows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(System.Text.Json.JsonSerializer.Serialize(row, ReportJson.Lines.RunReportRow) + "\n");
        }
        await writer.FlushAsync(cancellationToken);
    }
}
