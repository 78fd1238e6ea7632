using System.Collections.Concurrent;
using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Ukg;

/// <summary>
/// GET /personnel/v1/employee-changes: a full snapshot of every employee row changed in a window. Without
/// startDate/endDate the window runs from the service account's previous call to now, and page 1 moves that
/// cursor (later pages reuse the window page 1 opened). The first call's window starts when the tenant was loaded.
/// With startDate and/or endDate the window is the one given and the cursor stays put. UKG asks for at least
/// three hours between calls; with <see cref="UkgApiSettings.EnforceChangeFeedCadence"/> a cursor call sooner is 429.
/// A cursor window includes its start and excludes its end, so consecutive windows meet without overlap: a change
/// stamped at the very instant of a call belongs to the next window and is reported exactly once.
/// </summary>
internal sealed class ChangeFeed(Tenant tenant, UkgApiSettings settings)
{
    public static readonly TimeSpan Cadence = TimeSpan.FromHours(3);
    private readonly ConcurrentDictionary<string, Cursor> _cursors = new(StringComparer.OrdinalIgnoreCase);

    public static void MapChangeFeed(RouteGroupBuilder ukg)
    {
        var export = new RequiresView(WebService.EmployeeExport);
        ukg.MapGet("/personnel/v1/employee-changes", (HttpContext c, ChangeFeed feed) => feed.Changes(c)).WithMetadata(export);
        ukg.MapGet("/personnel/v1/employee-changes/{employeeId}", (HttpContext c, ChangeFeed feed, string employeeId) =>
            feed.EmployeeChanges(c, employeeId)).WithMetadata(export);
    }

    private Task Changes(HttpContext context)
    {
        var query = context.Request.Query;
        var paging = Paging.Parse(query, settings.ChangesMaxPageSize);
        var account = UkgGate.Account(context).UserName;
        var now = tenant.LocalNow();
        (DateTime From, DateTime Until) window;
        var fromCursor = false;
        var start = query["startDate"].ToString();
        var end = query["endDate"].ToString();
        if (start.Length > 0 || end.Length > 0)
        {
            window = (start.Length > 0 ? Moment("startDate", start, endOfDay: false) : DateTime.MinValue,
                      end.Length > 0 ? Moment("endDate", end, endOfDay: true) : now);
        }
        else
        {
            fromCursor = true;
            var cursor = _cursors.GetOrAdd(account, _ => new Cursor(TimeZoneInfo.ConvertTimeFromUtc(tenant.CreatedAt, tenant.TimeZone)));
            lock (cursor)
            {
                if (paging.Page > 1 && cursor.LastWindow is { } open)
                {
                    window = open;
                }
                else
                {
                    if (settings.EnforceChangeFeedCadence && cursor.LastCall is { } last && now - last < Cadence)
                    {
                        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                        return Task.CompletedTask;
                    }
                    window = (cursor.Position, now);
                    cursor.LastWindow = window;
                    cursor.LastCall = now;
                    cursor.Position = now;
                }
            }
        }
        var rows = PersonnelApi.Rows(tenant).Where(fromCursor
            ? r => r.DateTimeChanged >= window.From && r.DateTimeChanged < window.Until
            : r => r.DateTimeChanged > window.From && r.DateTimeChanged <= window.Until);
        return UkgResponses.WriteList(context, rows, paging, EmployeeChangesJson.Write);
    }

    /// <summary>One employee's rows changed in the current three-hour window; 404 for an unknown employee.</summary>
    private Task EmployeeChanges(HttpContext context, string employeeId)
    {
        var rows = tenant.RowsOf(employeeId);
        if (rows.Count == 0)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        var since = tenant.LocalNow() - Cadence;
        return UkgResponses.WriteArray(context, [.. rows.Where(r => r.DateTimeChanged > since)], EmployeeChangesJson.Write);
    }

    private DateTime Moment(string name, string text, bool endOfDay)
    {
        var (value, isDate) = DateFilter.ParseMoment(name, text, tenant.TimeZone);
        return isDate && endOfDay ? value.AddDays(1).AddTicks(-1) : value;
    }

    private sealed class Cursor(DateTime position)
    {
        public DateTime Position { get; set; } = position;
        public DateTime? LastCall { get; set; }
        public (DateTime From, DateTime Until)? LastWindow { get; set; }
    }
}
