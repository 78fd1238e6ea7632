namespace Headwater.Data;

/// <summary>
/// An integration stored by <c>headwater apply</c>: its configuration as written (the model as JSON, secrets as their
/// <c>${VAR}</c> references only), a revision counted up by every change, and the value each referenced variable had
/// when applied, encrypted, in <see cref="Secrets"/>.
/// </summary>
public sealed class IntegrationRecord
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Config { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<IntegrationSecret> Secrets { get; } = [];

    /// <summary>Paused by hand (or disconnected): the schedule does not run it; "sync now" still may.</summary>
    public bool Paused { get; set; }

    /// <summary>Disconnected: paused, and when asked, the accounts Headwater owns were deactivated.</summary>
    public DateTimeOffset? DisconnectedAt { get; set; }

    /// <summary>When UKG last accepted the connection (a check or a read); null: never, so Not connected.</summary>
    public DateTimeOffset? ConnectedAt { get; set; }

    /// <summary>When the schedule runs it next, as the scheduler last worked it out.</summary>
    public DateTimeOffset? NextRunAt { get; set; }
}

/// <summary>The value of a variable an integration references, encrypted at rest by <see cref="SecretConverter"/>.</summary>
public sealed class IntegrationSecret
{
    public int IntegrationId { get; set; }
    public required string Variable { get; set; }
    public required string Value { get; set; }
}
