using System.Net.Http.Json;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Benchmarks;

/// <summary>Renames some workers in the simulated tenant through its admin API (<c>POST /_sim/employees/{id}/name</c>), as HR
/// would between two syncs: each rename is one account update for the next sync, and nothing else.</summary>
internal static class Renames
{
    /// <summary>Renames the first <paramref name="count"/> workers with an active account; returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> Apply(SimulatorProcess simulator, IServiceProvider services, string destination, int count)
    {
        List<string> ids;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            ids = await db.Accounts.AsNoTracking().Where(a => a.Destination == destination && a.Active && a.WorkerId != null)
                .OrderBy(a => a.WorkerId).Select(a => a.WorkerId!).Take(count).ToListAsync();
        }
        using var http = new HttpClient { BaseAddress = new Uri(simulator.Environment["UKG_BASE_URL"]) };
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            using var response = await http.PostAsJsonAsync($"/_sim/employees/{id}/name", new { firstName = "Renamed" }, ct);
            response.EnsureSuccessStatusCode();
        });
        return ids;
    }
}
