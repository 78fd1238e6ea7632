using Headwater.Data;
using Headwater.Reading;
using Headwater.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Tests.Data;

/// <summary>Workers are found by the start of their name or a word of it, email, employee ID or number, in any case,
/// with or without accents and in any script, through the search terms a read writes; on both providers.</summary>
public abstract class WorkerSearchTests
{
    protected abstract StateStore CreateStore();

    [Theory]
    [InlineData("  José  ÖBERG-Lind ", "jose oberg lind")]
    [InlineData("ΣΩΚΡΆΤΗΣ Παπαδόπουλος", "σωκρατησ παπαδοπουλος")]
    [InlineData("Анна Каренина", "анна каренина")]
    [InlineData("李小龍", "李小龍")]
    [InlineData("Jane_Doe@Example.COM", "jane doe@example.com")]
    [InlineData("ﬁnn", "finn")]
    [InlineData("\u001b[31mEve\u001b]0;pwned\u0007 Smith\u001b[2J\u009b1m\u007f", "eve smith")]
    public void Text_is_normalised_to_lower_case_without_accents_with_words_split_at_spaces_and_dashes(string text, string normal) =>
        Assert.Equal(normal, WorkerSearchTerm.Normalise(text));

    [Fact]
    public void A_very_long_name_is_cut_without_splitting_a_character()
    {
        var name = new string('a', WorkerSearchTerm.MaxLength - 1) + "😀😀";

        var normal = WorkerSearchTerm.Normalise(name);

        Assert.Equal(new string('a', WorkerSearchTerm.MaxLength - 1), normal);
    }

    [Fact]
    public async Task Workers_are_found_by_the_start_of_their_name_a_word_of_it_email_id_or_number_in_any_case_and_script()
    {
        await using var store = CreateStore();
        await using var services = await store.DataServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        db.IntegrationId = 7;
        db.Workers.AddRange(Worker("E1", "N-100", "José Öberg", "jose.oberg@example.com"), Worker("E2", "N-200", "Анна Каренина", null),
            Worker("E3", "N-300", "李小龍", "bruce@example.com"), Worker("e40", "N-400", "Zoë O'Brien-Smith 😀", "zoe@example.org"));
        await WorkerRead.ReplaceSearchTermsAsync(db, CancellationToken.None);
        await db.SaveChangesAsync();

        async Task<string[]> Found(string text) =>
            [.. await db.Workers.AsNoTracking().Search(db, text).OrderBy(w => w.Id).Select(w => w.Id).ToListAsync()];

        Assert.Equal(["E1"], await Found("öber"));
        Assert.Equal(["E1"], await Found("OBERG"));
        Assert.Equal(["E1"], await Found("jose ob"));
        Assert.Equal(["E1"], await Found("JOSE.OBERG@"));
        Assert.Equal(["E2"], await Found("каре"));
        Assert.Equal(["E2"], await Found("АННА"));
        Assert.Equal(["E3"], await Found("李小"));
        Assert.Equal(["e40"], await Found("o'brien"));
        Assert.Equal(["e40"], await Found("smith"));
        Assert.Equal(["e40"], await Found("E4"));
        Assert.Equal(["E1", "E2", "E3", "e40"], await Found("n-"));
        Assert.Equal(["E1"], await Found("N 100"));
        Assert.Equal(["E1"], await Found("n-1"));
        Assert.Equal(["E1", "E2", "E3", "e40"], await Found("e"));
        Assert.Equal(["E1", "E2", "E3", "e40"], await Found("  "));
        // A middle of a word is not a start.
        Assert.Empty(await Found("berg"));
        Assert.Empty(await Found("example.com"));
        Assert.Equal(4, await db.Workers.Search(db, null).CountAsync());
        // Another integration's workers are never found.
        db.IntegrationId = 8;
        Assert.Empty(await Found("jose"));
    }

    [Fact]
    public async Task A_changed_worker_is_found_by_their_new_name_only()
    {
        await using var store = CreateStore();
        await using var services = await store.DataServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        db.Workers.Add(Worker("E1", "100", "Ada Lovelace", "ada@example.com"));
        await WorkerRead.ReplaceSearchTermsAsync(db, CancellationToken.None);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        db.Workers.Update(Worker("E1", "100", "Ada King", "ada.king@example.com"));
        await WorkerRead.ReplaceSearchTermsAsync(db, CancellationToken.None);
        await db.SaveChangesAsync();

        Assert.Empty(await db.Workers.Search(db, "lovelace").ToListAsync());
        Assert.Single(await db.Workers.Search(db, "king").ToListAsync());
        Assert.Single(await db.Workers.Search(db, "ada.king").ToListAsync());
        Assert.Equal(["100", "ada", "ada king", "ada.king@example.com", "e1", "king"],
            (await db.WorkerSearchTerms.Select(t => t.Term).ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Workers_stored_before_search_terms_were_kept_get_them_when_the_database_is_migrated()
    {
        await using var store = CreateStore();
        await using var services = await store.DataServicesAsync();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            foreach (var integration in new[] { 1, 2 })
            {
                db.IntegrationId = integration;
                // The same worker in two integrations, and more than one batch of them.
                db.Workers.AddRange(Enumerable.Range(0, 2_100).Select(n => Worker($"E{n}", $"{n}", $"Person {n} Of {integration}", null)));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
            Assert.Equal(0, await db.WorkerSearchTerms.IgnoreQueryFilters().CountAsync());
        }
        await using var again = services.CreateAsyncScope();
        var migrated = again.ServiceProvider.GetRequiredService<HeadwaterDb>();

        await migrated.MigrateAsync();

        migrated.IntegrationId = 2;
        var found = Assert.Single(await migrated.Workers.Search(migrated, "person 2099 of 2").ToListAsync());
        Assert.Equal("E2099", found.Id);
        Assert.Equal(2_100, await migrated.Workers.Search(migrated, "of").CountAsync());
        migrated.IntegrationId = 1;
        Assert.Equal(2_100, await migrated.Workers.Search(migrated, "person").CountAsync());
        Assert.Empty(await migrated.Workers.Search(migrated, "person 5 of 2").ToListAsync());
    }

    private static WorkerRecord Worker(string id, string number, string name, string? email) => new()
    {
        Id = id, EmployeeNumber = number, DisplayName = name, Email = email, State = "Active", ContentHash = id, Fields = "{}",
        Source = "{}", Issues = "[]",
    };
}

public sealed class SqliteWorkerSearchTests : WorkerSearchTests
{
    protected override StateStore CreateStore() => StateStore.Sqlite();
}

public sealed class PostgresWorkerSearchTests : WorkerSearchTests
{
    protected override StateStore CreateStore() => StateStore.Postgres();
}
