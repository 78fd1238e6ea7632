using System.Text;
using Headwater.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Headwater.Tests.Service;

/// <summary>Secrets given to the service (UKG password and customer API key, the SCIM token) appear in no response, no
/// log line and nowhere in the database files in plain text, after storing, syncing and reading everything back.</summary>
public sealed class SecretsNeverShownTests
{
    [Fact]
    public async Task No_secret_appears_in_a_response_a_log_line_or_the_database_files()
    {
        using var logs = new CapturedLogs();
        var database = new ServiceDatabase(inMemory: false);
        Directory.CreateDirectory(database.DataDirectory);
        var responses = new StringBuilder();
        string[] secrets;
        await using (var scenario = await ServiceScenario.StartAsync(database: database, logs: logs))
        {
            secrets = [.. scenario.Values.Values];
            using (var dry = await scenario.PutAsync("hr", dryRun: true))
            {
                responses.AppendLine(await dry.Content.ReadAsStringAsync());
            }
            using (var created = await scenario.PutAsync("hr"))
            {
                responses.AppendLine(await created.Content.ReadAsStringAsync());
            }
            var run = await scenario.WaitForFirstRunAsync("hr");
            Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("status").GetString());
            // A second write with a changed password says only that it changed.
            var changed = scenario.Values;
            changed[ServiceScenario.UkgPasswordVariable] = scenario.Ukg.Options.Password + "-old";
            using (var update = await scenario.PutAsync("hr", values: changed, dryRun: true))
            {
                var body = await update.Content.ReadAsStringAsync();
                Assert.Contains("ukg.password: (secret changed)", body, StringComparison.Ordinal);
                responses.AppendLine(body);
            }
            var runId = run.GetProperty("run").GetProperty("id").GetInt32();
            foreach (var path in new[] { "/api/integrations", "/api/integrations/hr", "/api/integrations/hr/runs", $"/api/runs/{runId}",
                "/openapi/v1.json", "/api/status" })
            {
                responses.AppendLine((await scenario.GetAsync(path)).GetRawText());
            }
            Assert.Contains(ServiceScenario.UkgPasswordVariable, responses.ToString(), StringComparison.Ordinal);
        }
        SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(database.DataDirectory, "headwater.db*");
        Assert.NotEmpty(files);
        var logText = string.Join('\n', logs.Entries.Select(e => e.Message));
        Assert.NotEmpty(logs.Entries);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, responses.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logText, StringComparison.Ordinal);
            foreach (var file in files)
            {
                var bytes = await File.ReadAllBytesAsync(file);
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds a secret in plain text");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds a secret as UTF-16");
            }
        }
        await database.DisposeAsync();
    }
}
