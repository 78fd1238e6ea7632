using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Headwater.Events;
using Headwater.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headwater.Data;

/// <summary>
/// Headwater's state: each worker's last snapshot with a content hash, a record of every read, the accounts and
/// groups Headwater knows in each destination, every sync run with each change it planned and applied, and the stored
/// integrations with their secrets (encrypted with the key ring) and the service's runs of them. One model, two providers:
/// <see cref="SqliteHeadwaterDb"/> (the default, a file in the data directory) and <see cref="PostgresHeadwaterDb"/>,
/// each with its own migrations.
/// </summary>
public abstract class HeadwaterDb : DbContext
{
    /// <summary>The column that says whose state a row is: a stored integration's id, or 0 for the CLI's own.</summary>
    public const string IntegrationColumn = "IntegrationId";

    private readonly IDataProtectionProvider? _protection;

    /// <param name="options">The provider and its connection.</param>
    /// <param name="protection">The key ring; without it (the EF tools) the model builds but no secret can be read or written.</param>
    protected HeadwaterDb(DbContextOptions options, IDataProtectionProvider? protection) : base(options)
    {
        _protection = protection;
        // Rows this context adds or attaches are the scoped integration's; rows it reads are filtered to it already.
        ChangeTracker.Tracking += (_, tracking) =>
        {
            if (!tracking.FromQuery && tracking.Entry.Metadata.FindProperty(IntegrationColumn)?.IsShadowProperty() == true)
            {
                tracking.Entry.Property(IntegrationColumn).CurrentValue = IntegrationId;
            }
        };
    }

    /// <summary>
    /// Whose state this context reads and writes: every query on workers, reads, accounts, groups, runs and changes is
    /// filtered to it, and every row added is stamped with it. 0 is the state of the CLI's own integration (a file's);
    /// the service sets a stored integration's id, so each of its integrations keeps its state apart in one database.
    /// </summary>
    public int IntegrationId { get; set; }

    public DbSet<WorkerRecord> Workers => Set<WorkerRecord>();
    public DbSet<WorkerSearchTerm> WorkerSearchTerms => Set<WorkerSearchTerm>();
    public DbSet<ReadRun> ReadRuns => Set<ReadRun>();
    public DbSet<AccountRecord> Accounts => Set<AccountRecord>();
    public DbSet<GroupRecord> Groups => Set<GroupRecord>();
    public DbSet<GroupMemberRecord> GroupMembers => Set<GroupMemberRecord>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<ChangeRecord> Changes => Set<ChangeRecord>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<IntegrationRecord> Integrations => Set<IntegrationRecord>();
    public DbSet<IntegrationRun> IntegrationRuns => Set<IntegrationRun>();
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();
    public DbSet<EventRecord> Events => Set<EventRecord>();
    public DbSet<DisabledSubscription> DisabledSubscriptions => Set<DisabledSubscription>();

    /// <summary>What the model's secret converter encrypts with: part of the model's cache key.</summary>
    internal IDataProtectionProvider? Protection => _protection;

    private static readonly ConcurrentDictionary<string, Lazy<Task>> Prepared = new(StringComparer.Ordinal);

    /// <summary>Makes the database ready for use, once per process and database. The default SQLite database is
    /// created or upgraded here; PostgreSQL only through <c>headwater migrate</c>, since a shared server's schema is
    /// changed by an operator, not by whichever command runs first after an upgrade. SQLite also switches to
    /// write-ahead logging, so a large first read does not sync the file on every batch and readers are not blocked
    /// while it writes.</summary>
    /// <param name="cancellationToken">Stops waiting; the preparation itself goes on for the next caller.</param>
    /// <exception cref="StateStoreException">PostgreSQL needs schema changes that <c>headwater migrate</c> applies.</exception>
    public Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        var key = $"{GetType().Name}:{Database.GetConnectionString()}";
        while (true)
        {
            var prepared = Prepared.GetOrAdd(key, _ => new Lazy<Task>(() =>
                Database.IsSqlite() ? MigrateAsync(CancellationToken.None) : RequireSchemaAsync(CancellationToken.None)));
            // A failed attempt is not remembered: the next caller tries again (after `headwater migrate`, say).
            if (!prepared.Value.IsFaulted && !prepared.Value.IsCanceled)
            {
                return prepared.Value.WaitAsync(cancellationToken);
            }
            Prepared.TryRemove(KeyValuePair.Create(key, prepared));
        }
    }

    /// <summary>Fails, naming what is missing, unless every migration has been applied.</summary>
    private async Task RequireSchemaAsync(CancellationToken cancellationToken)
    {
        var pending = (await Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new StateStoreException(SchemaNeeded(pending, pending.Count == Database.GetMigrations().Count()));
        }
    }

    private static string SchemaNeeded(List<string> pending, bool fresh)
    {
        var changes = pending.Count == 1 ? "1 schema change" : $"{pending.Count} schema changes";
        return fresh
            ? $"The PostgreSQL database has no Headwater schema yet ({changes}, newest: {pending[^1]}). " +
              "Run `headwater migrate` to create it."
            : $"The PostgreSQL database needs {changes} (newest: {pending[^1]}). Run `headwater migrate` to apply " +
              (pending.Count == 1 ? "it." : "them.");
    }

    /// <summary>Applies every migration not yet applied; the names of those applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await Database.MigrateAsync(cancellationToken);
        if (Database.IsSqlite())
        {
            await Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await WorkerSearchTerm.FillMissingAsync(this, cancellationToken);
        return pending;
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<IModelCacheKeyFactory, ProtectedModelCacheKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IntegrationRecord>(integration =>
        {
            integration.HasKey(i => i.Id);
            integration.Property(i => i.Name).HasMaxLength(64);
            integration.HasIndex(i => i.Name).IsUnique();
            integration.HasMany(i => i.Secrets).WithOne().HasForeignKey(s => s.IntegrationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<IntegrationSecret>(secret =>
        {
            secret.ToTable("IntegrationSecrets");
            secret.HasKey(s => new { s.IntegrationId, s.Variable });
            secret.Property(s => s.Variable).HasMaxLength(128);
            secret.Property(s => s.Value).HasConversion(new SecretConverter(_protection?.CreateProtector(SecretConverter.Purpose)));
        });
        modelBuilder.Entity<IntegrationRun>(IntegrationRun.Configure);
        modelBuilder.Entity<WorkerRecord>(worker =>
        {
            Scope(worker);
            worker.HasKey(IntegrationColumn, nameof(WorkerRecord.Id));
            worker.Property(w => w.Id).HasMaxLength(64);
            worker.Property(w => w.EmployeeNumber).HasMaxLength(32);
            worker.Property(w => w.State).HasMaxLength(32);
            worker.Property(w => w.ContentHash).HasMaxLength(64);
            worker.HasIndex(IntegrationColumn, nameof(WorkerRecord.Email));
            worker.HasIndex(IntegrationColumn, nameof(WorkerRecord.ReviewOn));
            worker.HasIndex(IntegrationColumn, nameof(WorkerRecord.ChangedInRead));
            // The admin UI lists workers by name, a page at a time.
            worker.HasIndex(IntegrationColumn, nameof(WorkerRecord.DisplayName), nameof(WorkerRecord.Id));
            // A worker is found by employee number as well as by ID.
            worker.HasIndex(IntegrationColumn, nameof(WorkerRecord.EmployeeNumber));
            // The integration page counts workers by state from the index alone.
            worker.HasIndex(IntegrationColumn, nameof(WorkerRecord.State));
            // The current workers are those the latest full read (or a later one) saw: found without reading each row's
            // fields, which a real tenant makes a few kB.
            worker.HasIndex(IntegrationColumn, nameof(WorkerRecord.SeenInRead));
        });
        modelBuilder.Entity<WorkerSearchTerm>(term =>
        {
            Scope(term);
            WorkerSearchTerm.Configure(term, IntegrationColumn);
        });
        modelBuilder.Entity<ReadRun>(run =>
        {
            Scope(run);
            run.HasKey(r => r.Id);
            run.Property(r => r.Mode).HasMaxLength(16);
        });
        modelBuilder.Entity<AccountRecord>(account =>
        {
            Scope(account);
            account.HasKey(IntegrationColumn, nameof(AccountRecord.Destination), nameof(AccountRecord.AccountId));
            account.Property(a => a.Destination).HasMaxLength(64);
            account.Property(a => a.AccountId).HasMaxLength(256);
            account.Property(a => a.WorkerId).HasMaxLength(64);
            account.Property(a => a.Ownership).HasMaxLength(16);
            account.Property(a => a.Location).HasMaxLength(2048);
            account.HasIndex(IntegrationColumn, nameof(AccountRecord.Destination), nameof(AccountRecord.WorkerId));
            // A worker's accounts in every destination, and the people with an active account, counted from the index alone.
            account.HasIndex(IntegrationColumn, nameof(AccountRecord.WorkerId), nameof(AccountRecord.Active));
        });
        modelBuilder.Entity<GroupRecord>(group =>
        {
            Scope(group);
            group.HasKey(IntegrationColumn, nameof(GroupRecord.Destination), nameof(GroupRecord.Name));
            group.Property(g => g.Destination).HasMaxLength(64);
            group.Property(g => g.Name).HasMaxLength(256);
        });
        modelBuilder.Entity<GroupMemberRecord>(member =>
        {
            Scope(member);
            member.HasKey(IntegrationColumn, nameof(GroupMemberRecord.Destination), nameof(GroupMemberRecord.Group),
                nameof(GroupMemberRecord.WorkerId));
            member.Property(m => m.Destination).HasMaxLength(64);
            member.Property(m => m.Group).HasMaxLength(256);
            member.Property(m => m.WorkerId).HasMaxLength(64);
        });
        modelBuilder.Entity<SyncRun>(run =>
        {
            Scope(run);
            run.HasKey(r => r.Id);
            run.Property(r => r.Destination).HasMaxLength(64);
            run.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
            run.Property(r => r.Planning).HasConversion<string>().HasMaxLength(16);
            run.Property(r => r.Fingerprint).HasMaxLength(64);
            run.HasIndex(IntegrationColumn, nameof(SyncRun.Destination), nameof(SyncRun.Id));
            run.HasIndex(r => r.IntegrationRunId);
        });
        modelBuilder.Entity<ChangeRecord>(change =>
        {
            Scope(change);
            change.HasKey(c => c.Id);
            change.Property(c => c.Destination).HasMaxLength(64);
            change.Property(c => c.WorkerId).HasMaxLength(64);
            change.Property(c => c.Kind).HasMaxLength(16);
            change.Property(c => c.Code).HasMaxLength(32);
            change.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            // A run's outcomes in order, filtered and counted from the index alone, a page at a time.
            change.HasIndex(IntegrationColumn, nameof(ChangeRecord.RunId), nameof(ChangeRecord.Id), nameof(ChangeRecord.Status),
                nameof(ChangeRecord.Kind), nameof(ChangeRecord.Code));
            change.HasIndex(IntegrationColumn, nameof(ChangeRecord.WorkerId), nameof(ChangeRecord.Id));
        });
        modelBuilder.Entity<ApiToken>(ApiToken.Configure);
        modelBuilder.Entity<IncidentRecord>(incident =>
        {
            Scope(incident);
            IncidentRecord.Configure(incident, IntegrationColumn);
        });
        modelBuilder.Entity<EventRecord>(outbox =>
        {
            Scope(outbox);
            EventRecord.Configure(outbox, IntegrationColumn);
        });
        modelBuilder.Entity<DisabledSubscription>(subscription =>
        {
            Scope(subscription);
            DisabledSubscription.Configure(subscription, IntegrationColumn);
        });
    }

    /// <summary>Makes a state table per integration: its column, and a filter to <see cref="IntegrationId"/>.</summary>
    private void Scope<T>(EntityTypeBuilder<T> entity) where T : class
    {
        entity.Property<int>(IntegrationColumn);
        entity.HasQueryFilter(row => EF.Property<int>(row, IntegrationColumn) == IntegrationId);
    }
}

public sealed class SqliteHeadwaterDb(DbContextOptions<SqliteHeadwaterDb> options, IDataProtectionProvider? protection = null)
    : HeadwaterDb(options, protection);

public sealed class PostgresHeadwaterDb(DbContextOptions<PostgresHeadwaterDb> options, IDataProtectionProvider? protection = null)
    : HeadwaterDb(options, protection)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Tenant-local wall-clock time, without an offset (Npgsql maps DateTime to timestamptz, which takes UTC only).
        modelBuilder.Entity<ReadRun>().Property(r => r.TenantStartedAt).HasColumnType("timestamp without time zone");
        // Compared by code point, as SQLite compares, so a search's range holds exactly the terms with its prefix.
        modelBuilder.Entity<WorkerSearchTerm>().Property(t => t.Term).UseCollation("C");
    }
}

/// <summary>A worker as last read: the fields the engine derived (flattened, as JSON), what UKG sent (as JSON),
/// and a hash over the fields so a read knows at once who changed.</summary>
public sealed class WorkerRecord
{
    public required string Id { get; set; }
    public required string EmployeeNumber { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }
    public string? ManagerId { get; set; }
    public required string State { get; set; }

    /// <summary>The next day on which this worker's lifecycle changes by date alone (a start or an end).</summary>
    public DateOnly? ReviewOn { get; set; }

    public required string ContentHash { get; set; }
    public required string Fields { get; set; }
    public required string Source { get; set; }
    /// <summary>The worker's data problems, as a JSON array of {code, message}.</summary>
    public required string Issues { get; set; }
    public int IssueCount { get; set; }

    /// <summary>The fields that differed at the last change, comma-separated.</summary>
    public string? ChangedFields { get; set; }

    /// <summary>The read that last changed this worker (its id), so a sync can plan only who changed since its last run.</summary>
    public int ChangedInRead { get; set; }

    /// <summary>The last read that returned this worker (its id): with the last full read's id, who is in the data, in SQL.</summary>
    public int SeenInRead { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>One read of UKG: full or incremental, what it found, and whether it succeeded.</summary>
public sealed class ReadRun
{
    public int Id { get; set; }
    public required string Mode { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
    public int Workers { get; set; }
    public int Added { get; set; }
    public int Changed { get; set; }
    public int Unchanged { get; set; }

    /// <summary>Stored workers a full read did not return; they are kept, never treated as leavers.</summary>
    public int Missing { get; set; }
    public int WithIssues { get; set; }
    public int UkgCalls { get; set; }

    /// <summary>Tenant-local time the read started at: the next incremental read asks for changes since then.</summary>
    public DateTime? TenantStartedAt { get; set; }
}

/// <summary>The model holds the secret converter, and so the key ring it encrypts with: a model is cached per key ring,
/// not only per context type, so two key rings in one process (tests, a host and a command) never share one.</summary>
internal sealed class ProtectedModelCacheKey : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), (context as HeadwaterDb)?.Protection, designTime);
}
