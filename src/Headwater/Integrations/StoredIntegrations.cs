using Headwater.Configuration;
using Headwater.Configuration.Model;
using Headwater.Core.Configuration;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Integrations;

/// <summary>An integration of a file as it would be applied: its configuration, the values its variables will have,
/// what changes, and its stored record (null when new).</summary>
public sealed record PlannedIntegration(IntegrationConfig Config, IReadOnlyDictionary<string, string> Values, IntegrationChange Change)
{
    internal IntegrationRecord? Record { get; init; }
}

/// <summary>
/// Integrations kept in the state database. Applying a file checks every integration in it against the environment
/// (a variable left unset keeps its stored value), says what would change, and stores them all or none. Each
/// variable a configuration references is stored with its value, encrypted, so a stored integration needs nothing
/// from the environment of whoever runs it: keys of <c>ukg:</c> that a file leaves out do not fall back to variables.
/// </summary>
public static class StoredIntegrations
{
    /// <summary>What applying <paramref name="sources"/> would change.</summary>
    /// <param name="db">The state store.</param>
    /// <param name="sources">The integrations of one file.</param>
    /// <param name="environment">What <c>${VAR}</c> references resolve against, before the stored values.</param>
    /// <param name="sourceName">What problems are reported in.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    /// <exception cref="ConfigurationException">Any integration is not valid: every problem, by path and line.</exception>
    public static async Task<IReadOnlyList<PlannedIntegration>> PlanAsync(HeadwaterDb db, IReadOnlyList<IntegrationSource> sources,
        Func<string, string?> environment, string sourceName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(environment);
        var names = sources.Select(s => s.Config.Name).OfType<string>().ToList();
        var records = await db.Integrations.Include(i => i.Secrets).Where(i => names.Contains(i.Name))
            .ToDictionaryAsync(i => i.Name, StringComparer.Ordinal, cancellationToken);
        var problems = new List<string>();
        var planned = new List<PlannedIntegration>();
        foreach (var source in sources)
        {
            var config = source.Config;
            var record = config.Name is null ? null : records.GetValueOrDefault(config.Name);
            var stored = record?.Secrets.ToDictionary(s => s.Variable, s => s.Value, StringComparer.Ordinal) ?? [];
            var (values, kept) = Resolve(config, environment, stored);
            var found = Check(config, values, source.Lines);
            problems.AddRange(found.Select(problem => source.Path.Length == 0 ? problem : $"{source.Path}.{problem}"));
            if (found.Count == 0)
            {
                var before = record is null ? ((IntegrationConfig, IReadOnlyDictionary<string, string>)?)null : (Model(record), stored);
                planned.Add(new(config, values, IntegrationChange.Between(config.Name!, before, config, values, kept)) { Record = record });
            }
        }
        return problems.Count > 0 ? throw new ConfigurationException(problems, sourceName) : planned;
    }

    /// <summary>Stores what <see cref="PlanAsync"/> planned, all in one transaction.</summary>
    /// <param name="db">The state store <paramref name="planned"/> was planned against.</param>
    /// <param name="planned">The integrations; those without changes are left as they are.</param>
    /// <param name="time">When it was changed.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public static async Task ApplyAsync(HeadwaterDb db, IReadOnlyList<PlannedIntegration> planned, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        foreach (var integration in planned.Where(p => p.Change.Kind != IntegrationChangeKind.None))
        {
            var record = integration.Record;
            if (record is null)
            {
                record = new IntegrationRecord { Name = integration.Config.Name!, Config = "", CreatedAt = now };
                db.Integrations.Add(record);
            }
            record.Config = IntegrationFile.WriteJson(integration.Config);
            record.Revision++;
            record.UpdatedAt = now;
            record.Secrets.RemoveAll(s => !integration.Values.ContainsKey(s.Variable));
            foreach (var (variable, value) in integration.Values)
            {
                if (record.Secrets.Find(s => s.Variable == variable) is { } secret)
                {
                    secret.Value = value;
                }
                else
                {
                    record.Secrets.Add(new IntegrationSecret { Variable = variable, Value = value });
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The stored configuration as written, secrets as their references.</summary>
    public static IntegrationConfig Model(this IntegrationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return IntegrationFile.ReadModelJson(record.Config, $"integration '{record.Name}'").Config;
    }

    /// <summary>What the engine runs for a stored integration (read with its <see cref="IntegrationRecord.Secrets"/>):
    /// its variables resolve against the stored values alone.</summary>
    /// <exception cref="ConfigurationException">The stored integration is no longer valid (a later version checks more).</exception>
    public static Integration ToIntegration(this IntegrationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var values = record.Secrets.ToDictionary(s => s.Variable, s => s.Value, StringComparer.Ordinal);
        return IntegrationFile.Validate(record.Model(), values.GetValueOrDefault, sourceName: $"integration '{record.Name}'");
    }

    /// <summary>The variables the configuration's <c>${VAR}</c> references name, each once.</summary>
    /// <param name="config">The configuration.</param>
    public static IEnumerable<string> Variables(IntegrationConfig config) =>
        IntegrationFile.Values(config).SelectMany(v => ConfigReader.References(v.Value)).Distinct();

    /// <summary>The variable's value, null when unset or empty. As the file reader takes it: a line ending left by an env
    /// file written on Windows is not part of the value.</summary>
    /// <param name="environment">Where variables are read.</param>
    /// <param name="variable">The variable.</param>
    public static string? EnvironmentValue(Func<string, string?> environment, string variable)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment(variable)?.TrimEnd('\r', '\n') is { Length: > 0 } value ? value : null;
    }

    /// <summary>The value of each variable the configuration references: the environment's, else the stored one (kept).</summary>
    private static (Dictionary<string, string> Values, HashSet<string> Kept) Resolve(IntegrationConfig config,
        Func<string, string?> environment, Dictionary<string, string> stored)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in Variables(config))
        {
            if (EnvironmentValue(environment, variable) is { } value)
            {
                values[variable] = value;
            }
            else if (stored.TryGetValue(variable, out var storedValue))
            {
                values[variable] = storedValue;
                kept.Add(variable);
            }
        }
        return (values, kept);
    }

    private static List<string> Check(IntegrationConfig config, Dictionary<string, string> values, IReadOnlyDictionary<string, long> lines)
    {
        var problems = new List<string>();
        string At(string path, string message) => lines.TryGetValue(path, out var line) || lines.TryGetValue("", out line)
            ? $"{path} (line {line}): {message}"
            : $"{path}: {message}";
        if (config.Name is null)
        {
            problems.Add(At("name", "required: an integration is stored by its name"));
        }
        if (config.Data is not null)
        {
            problems.Add(At("data", "a stored integration keeps its state in the service's database; remove data:"));
        }
        try
        {
            IntegrationFile.Validate(config, values.GetValueOrDefault, IntegrationSecrets.All, lines);
        }
        catch (ConfigurationException e)
        {
            problems.AddRange(e.Problems);
        }
        return problems;
    }
}
