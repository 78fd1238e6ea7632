using Headwater.Core.Configuration;

namespace Headwater.Configuration.Model;

/// <summary>
/// An integration's configuration as written, whatever it was written in: the same for a YAML file, a JSON request
/// and a model built in code. Values are kept as written, as text (any value may be a <c>${VAR}</c> reference, numbers
/// too), and secrets as their references, so the model can be stored, compared, shown and exported without a secret in
/// it. <see cref="IntegrationFile.Validate"/> checks it and builds the <see cref="Integration"/> the engine runs.
/// Lists make the records compare by reference: compare two models by <see cref="IntegrationFile.Canonical"/>.
/// <see cref="Name"/> is optional for the CLI's commands and required to store the integration (<c>headwater apply</c>).
/// </summary>
public sealed record IntegrationConfig(
    IReadOnlyList<DestinationConfig> Destinations, UkgConfig? Ukg = null, DataConfig? Data = null, string? Name = null,
    ScheduleConfig? Schedule = null, NotificationsConfig? Notifications = null);

/// <summary><c>ukg:</c>; a key left out falls back to its environment variable (docs/configuration.md).</summary>
public sealed record UkgConfig(
    string? BaseUrl = null,
    string? Username = null,
    SecretRef? Password = null,
    SecretRef? CustomerApiKey = null,
    string? CompanyId = null,
    string? TimeZone = null,
    string? ReadRoles = null);

/// <summary><c>data:</c>, where state is kept.</summary>
public sealed record DataConfig(string? DataDirectory = null, SecretRef? Postgres = null);

/// <summary><c>schedule:</c>, when the service syncs the integration on its own (docs/service.md). Durations are written
/// as a number and a unit: <c>30m</c>, <c>24h</c>, <c>7d</c>.</summary>
/// <param name="Every">How long after the last sync finished the next one starts (default <c>24h</c>, at least <c>5m</c>).</param>
/// <param name="Cron">Instead of <paramref name="Every"/>: a Quartz cron expression, seconds first.</param>
/// <param name="TimeZone">The IANA zone <paramref name="Cron"/> is read in (default: the UKG tenant's).</param>
/// <param name="FullRead">How often a sync reads all of UKG rather than what changed (default <c>7d</c>).</param>
/// <param name="SyncNowLimit">How often "sync now" may be asked for (default <c>1h</c>; <c>0</c>: no limit).</param>
public sealed record ScheduleConfig(
    string? Every = null, string? Cron = null, string? TimeZone = null, string? FullRead = null, string? SyncNowLimit = null);

/// <summary><c>notifications:</c>, who is emailed when the integration needs someone, and about what (docs/notifications.md).</summary>
/// <param name="Contacts">The technical contacts' addresses (<c>pat@example.com</c> or <c>Pat Lee &lt;pat@example.com&gt;</c>).</param>
/// <param name="Send">Which incidents are emailed: any of <c>connectionBroken</c>, <c>runFailed</c>, <c>approvalNeeded</c>,
/// <c>changesFailed</c> (default: all four).</param>
/// <param name="RemindAfter">How long an incident stays open before a reminder (default <c>24h</c>; <c>0</c>: never).</param>
public sealed record NotificationsConfig(IReadOnlyList<string>? Contacts = null, IReadOnlyList<string>? Send = null, string? RemindAfter = null);
