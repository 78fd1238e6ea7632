using System.CommandLine;
using Headwater.Simulator;
using Headwater.Simulator.Faults;
using Headwater.Simulator.Ukg;

var port = new Option<int>("--port") { Description = "Port to listen on; 0 picks a free one.", DefaultValueFactory = _ => 5080 };
var host = new Option<string>("--host") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
var employees = new Option<int>("--employees") { Description = "Employees to generate.", DefaultValueFactory = _ => 5000 };
var seed = new Option<int>("--seed") { Description = "Seed: the same seed and --as-of give the same tenant.", DefaultValueFactory = _ => 42 };
var asOf = new Option<DateOnly?>("--as-of") { Description = "Generate the tenant as of this date (default: today, tenant time)." };
var tenantFile = new Option<FileInfo?>("--tenant") { Description = "Load this JSON tenant instead of generating one." };
var timeZone = new Option<string>("--time-zone") { Description = "The tenant's time zone (IANA).", DefaultValueFactory = _ => "America/New_York" };
var dateStyle = new Option<DateStyle>("--date-style") { Description = "How date-times are written: Local (UKG's own), Utc or Offset." };
var emptyStrings = new Option<bool>("--empty-strings") { Description = "Write empty values as \"\" instead of null." };
var maxPage = new Option<int>("--max-page-size") { Description = "Default and maximum page size.", DefaultValueFactory = _ => 10_000 };
var changesMaxPage = new Option<int>("--changes-max-page-size") { Description = "Default and maximum page size of employee-changes.", DefaultValueFactory = _ => 200 };
var cadence = new Option<bool>("--enforce-change-cadence") { Description = "Answer 429 to employee-changes calls less than 3 hours apart." };
var rateLimit = new Option<int>("--rate-limit") { Description = "Requests per service account per minute (0: unlimited)." };
var retryAfter = new Option<bool>("--retry-after") { Description = "Send Retry-After with 429 (UKG does not today)." };
var errorRate = new Option<double>("--error-rate") { Description = "Share of requests answered 500." };
var hangRate = new Option<double>("--hang-rate") { Description = "Share of requests that never answer." };
var truncateRate = new Option<double>("--truncate-rate") { Description = "Share of lists cut off mid-JSON." };
var latency = new Option<int>("--latency-ms") { Description = "Milliseconds added to every request." };
var rowLatency = new Option<double>("--row-latency-ms") { Description = "Milliseconds added per row returned." };
var passwordExpires = new Option<int?>("--password-expires-after") { Description = "Calls after which the password stops working." };

var root = new RootCommand("A UKG Pro tenant simulator: UKG's REST paths, JSON names, authentication, paging and faults, on loopback.")
{
    port, host, employees, seed, asOf, tenantFile, timeZone, dateStyle, emptyStrings, maxPage, changesMaxPage, cadence,
    rateLimit, retryAfter, errorRate, hangRate, truncateRate, latency, rowLatency, passwordExpires,
};
root.SetAction(async (result, cancellationToken) =>
{
    var options = new SimulatorOptions
    {
        Host = result.GetValue(host)!,
        Port = result.GetValue(port),
        Employees = result.GetValue(employees),
        Seed = result.GetValue(seed),
        AsOf = result.GetValue(asOf),
        TenantFile = result.GetValue(tenantFile)?.FullName,
        TimeZone = result.GetValue(timeZone)!,
        Api = new UkgApiSettings
        {
            DateStyle = result.GetValue(dateStyle),
            EmptyAsEmptyString = result.GetValue(emptyStrings),
            MaxPageSize = result.GetValue(maxPage),
            ChangesMaxPageSize = result.GetValue(changesMaxPage),
            EnforceChangeFeedCadence = result.GetValue(cadence),
        },
        Faults = new FaultSettings
        {
            RateLimitPerMinute = result.GetValue(rateLimit),
            SendRetryAfter = result.GetValue(retryAfter),
            ErrorRate = result.GetValue(errorRate),
            HangRate = result.GetValue(hangRate),
            TruncateRate = result.GetValue(truncateRate),
            Latency = TimeSpan.FromMilliseconds(result.GetValue(latency)),
            LatencyPerRow = TimeSpan.FromMilliseconds(result.GetValue(rowLatency)),
            PasswordExpiresAfterCalls = result.GetValue(passwordExpires),
        },
    };
    await using var simulator = await UkgSimulator.StartAsync(options, cancellationToken: cancellationToken);
    foreach (var line in simulator.EnvironmentLines())
    {
        Console.WriteLine(line);
    }
    await Console.Error.WriteLineAsync($"# {simulator.Tenant.RowCount} employee rows; admin API at {simulator.BaseUrl}_sim; Ctrl+C to stop.");
    await simulator.WaitForShutdownAsync(cancellationToken);
    return 0;
});
return await root.Parse(args).InvokeAsync();
