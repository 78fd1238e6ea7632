using System.Globalization;
using System.Text;
using Headwater.Core.Mapping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headwater.Data;

/// <summary>
/// One way a worker is found by what people type: their whole name, each word of it, their email, employee ID and
/// employee number, each normalised (<see cref="Normalise"/>). A search is a range over the index on the terms, so it
/// finds the workers whose name or a word of it, email, ID or number starts with the text, however many workers there are.
/// </summary>
public sealed class WorkerSearchTerm
{
    /// <summary>Terms are cut to this length, and so is the text searched for; a longer text matches on its start.</summary>
    public const int MaxLength = 100;

    public required string Term { get; set; }
    public required string WorkerId { get; set; }

    /// <summary>The worker's terms, each once.</summary>
    public static IEnumerable<WorkerSearchTerm> Of(WorkerRecord worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var name = Normalise(worker.DisplayName);
        IEnumerable<string> terms = [name, .. name.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Normalise(worker.Email ?? ""), Normalise(worker.Id), Normalise(worker.EmployeeNumber)];
        return terms.Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)
            .Select(t => new WorkerSearchTerm { Term = t, WorkerId = worker.Id });
    }

    /// <summary>
    /// Control characters and the escape sequences they start removed (a name is found by what the pages and the CLI
    /// show of it), lower case (invariant, so every script's letters fold alike), accents removed, runs of spaces and
    /// punctuation between words made one space, cut to <see cref="MaxLength"/>: "  José  ÖBERG-Lind" is "jose oberg lind".
    /// </summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = ControlCharacters.Remove(text).Normalize(NormalizationForm.FormKD);
        var normal = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }
            // Words are split at spaces and at the dashes and underscores names join words with; an email's
            // '@' and '.' stay, so an address is one term that starts as it is typed.
            var separator = char.IsWhiteSpace(c) || category is UnicodeCategory.DashPunctuation or UnicodeCategory.ConnectorPunctuation;
            if (separator)
            {
                if (normal.Length > 0 && normal[^1] != ' ')
                {
                    normal.Append(' ');
                }
                continue;
            }
            normal.Append(char.ToLowerInvariant(c));
        }
        var result = normal.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
        if (result.Length <= MaxLength)
        {
            return result;
        }
        var cut = char.IsHighSurrogate(result[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return result[..cut].TrimEnd();
    }

    /// <summary>The terms that start with <paramref name="prefix"/> (normalised): a range on the index, in either provider.
    /// Terms compare by code point in both (SQLite's binary collation, PostgreSQL's "C"), so every term with the prefix
    /// lies between it and it followed by the last code point.</summary>
    public static IQueryable<WorkerSearchTerm> StartingWith(IQueryable<WorkerSearchTerm> terms, string prefix)
    {
        var end = prefix + char.ConvertFromUtf32(0x10FFFF);
#pragma warning disable CA1309 // translated to SQL's < and >=, which compare by the column's collation
        return terms.Where(t => string.Compare(t.Term, prefix) >= 0 && string.Compare(t.Term, end) < 0);
#pragma warning restore CA1309
    }

    internal static void Configure(EntityTypeBuilder<WorkerSearchTerm> term, string integrationColumn)
    {
        term.ToTable("WorkerSearchTerms");
        term.HasKey(integrationColumn, nameof(Term), nameof(WorkerId));
        term.Property(t => t.Term).HasMaxLength(MaxLength);
        term.Property(t => t.WorkerId).HasMaxLength(64);
        // A worker's terms are replaced whenever the worker changes.
        term.HasIndex(integrationColumn, nameof(WorkerId));
    }

    /// <summary>Writes the terms of the workers that have none: those stored before terms were kept. Once per database, after
    /// its migrations; a worker always has at least its ID as a term, so a worker without terms was never indexed.</summary>
    internal static async Task FillMissingAsync(HeadwaterDb db, CancellationToken cancellationToken)
    {
        const int batch = 2_000;
        var scoped = db.IntegrationId;
        try
        {
            await FillAsync(db, batch, cancellationToken);
        }
        finally
        {
            db.IntegrationId = scoped;
        }
    }

    private static async Task FillAsync(HeadwaterDb db, int batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            var missing = await db.Workers.IgnoreQueryFilters().AsNoTracking()
                .Where(w => !db.WorkerSearchTerms.IgnoreQueryFilters().Any(t =>
                    EF.Property<int>(t, HeadwaterDb.IntegrationColumn) == EF.Property<int>(w, HeadwaterDb.IntegrationColumn)
                    && t.WorkerId == w.Id))
                .Select(w => new { Integration = EF.Property<int>(w, HeadwaterDb.IntegrationColumn), Worker = w })
                .Take(batch).ToListAsync(cancellationToken);
            if (missing.Count == 0)
            {
                return;
            }
            // Added rows take the context's integration, so each integration's workers are added under their own.
            foreach (var integration in missing.GroupBy(row => row.Integration))
            {
                db.IntegrationId = integration.Key;
                db.WorkerSearchTerms.AddRange(integration.SelectMany(row => Of(row.Worker)));
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }
}
