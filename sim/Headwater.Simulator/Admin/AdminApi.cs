using Headwater.Simulator.Faults;
using Headwater.Simulator.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headwater.Simulator.Admin;

public sealed record ManagerChange(string? SupervisorId);
public sealed record NameChange(string FirstName, string LastName, string? PreferredName = null);
public sealed record EmailChange(string? EmailAddress);
public sealed record LeaveStart(string ReasonCode, DateOnly? StartDate = null);
public sealed record Termination(DateOnly? Date = null, string Reason = "RES", string? CompanyId = null);
public sealed record Rehire(DateOnly? Date = null, string? CompanyId = null);

public sealed record EmployeeSummary(
    string EmployeeId, string CompanyId, string EmployeeNumber, string StatusCode, DateOnly? DateOfTermination, DateTime DateTimeChanged)
{
    public static EmployeeSummary Of(EmployeeRow row) =>
        new(row.EmployeeId, row.CompanyId, row.EmployeeNumber, row.StatusCode, row.DateOfTermination, row.DateTimeChanged);
}

public sealed record TenantInfo(int Rows, DateTime LocalNow, string TimeZone, string CustomerApiKey);

/// <summary>
/// The simulator's own admin surface under /_sim, apart from UKG's: HR events that change the tenant as UKG
/// would, and the fault settings. It has no authentication; the simulator listens on loopback only by default.
/// </summary>
internal static class AdminApi
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_sim");
        admin.MapGet("/info", (Tenant t) => TypedResults.Ok(new TenantInfo(t.RowCount, t.LocalNow(), t.TimeZone.Id, t.Settings.CustomerApiKey)));
        admin.MapGet("/faults", (FaultState f) => TypedResults.Ok(f.Settings));
        admin.MapPut("/faults", (FaultState f, FaultSettings settings) =>
        {
            f.Settings = settings;
            return TypedResults.Ok(f.Settings);
        });
        var employees = admin.MapGroup("/employees");
        employees.MapPost("/", (Tenant t, NewHire hire) => Apply(() => [t.Hire(hire)]));
        employees.MapPost("/{id}/transfer", (Tenant t, string id, Transfer transfer) => Apply(() => t.Transfer(id, transfer)));
        employees.MapPost("/{id}/manager", (Tenant t, string id, ManagerChange change) => Apply(() => t.ChangeManager(id, change.SupervisorId)));
        employees.MapPost("/{id}/name", (Tenant t, string id, NameChange change) =>
            Apply(() => t.Rename(id, change.FirstName, change.LastName, change.PreferredName)));
        employees.MapPost("/{id}/email", (Tenant t, string id, EmailChange change) => Apply(() => t.ChangeEmail(id, change.EmailAddress)));
        employees.MapPost("/{id}/leave", (Tenant t, string id, LeaveStart leave) => Apply(() => t.StartLeave(id, leave.ReasonCode, leave.StartDate)));
        employees.MapPost("/{id}/return", (Tenant t, string id) => Apply(() => t.EndLeave(id)));
        employees.MapPost("/{id}/terminate", (Tenant t, string id, Termination termination) =>
            Apply(() => t.Terminate(id, termination.Date, termination.Reason, termination.CompanyId)));
        employees.MapPost("/{id}/rehire", (Tenant t, string id, Rehire rehire) => Apply(() => t.Rehire(id, rehire.Date, rehire.CompanyId)));
    }

    private static Results<Ok<EmployeeSummary[]>, ProblemHttpResult> Apply(Func<IReadOnlyList<EmployeeRow>> change)
    {
        try
        {
            return TypedResults.Ok(change().Select(EmployeeSummary.Of).ToArray());
        }
        catch (HrEventException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The HR event was refused.");
        }
    }
}
