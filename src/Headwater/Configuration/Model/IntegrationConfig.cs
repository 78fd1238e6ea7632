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
    IReadOnlyList<DestinationConfig> Destinations, UkgConfig? Ukg = null, DataConfig? Data = null, string? Name = null);

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
