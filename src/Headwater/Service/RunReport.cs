using CsvHelper;
using Headwater.Data;

namespace Headwater.Service;

/// <summary>A run's failed and blocked changes as CSV, for whoever fixes the data in UKG or the destination.</summary>
public static class RunReport
{
    // As the file destination writes CSV: names and errors come from UKG and destinations, so a cell starting with
    // = + - @ (or a tab or carriage return) is prefixed with ' and a spreadsheet shows it rather than running it.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = false,
    };

    private static readonly string[] Header =
        ["destination", "employeeId", "employeeNumber", "name", "kind", "status", "code", "reason", "error"];

    /// <summary>One row per change, with the worker's number and name where the worker is stored.</summary>
    /// <param name="changes">The changes, in order.</param>
    /// <param name="workers">The stored workers by employee ID.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    public static async Task<byte[]> WriteAsync(IEnumerable<ChangeRecord> changes, IReadOnlyDictionary<string, WorkerRecord> workers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(workers);
        using var stream = new MemoryStream();
        await using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            foreach (var change in changes)
            {
                var worker = workers.GetValueOrDefault(change.WorkerId);
                await csv.WriteRecordAsync([change.Destination, change.WorkerId, worker?.EmployeeNumber, worker?.DisplayName, change.Kind,
                    change.Status.ToString(), change.Code, change.Reason, change.Error], cancellationToken);
            }
            await csv.FlushAsync(cancellationToken);
        }
        return stream.ToArray();
    }
}
