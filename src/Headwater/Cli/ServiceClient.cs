using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Headwater.Configuration;
using Headwater.Configuration.Model;
using Headwater.Service;
using Headwater.Syncing;
using Microsoft.AspNetCore.Http;

namespace Headwater.Cli;

/// <summary>
/// The integration endpoints of a running service (HEADWATER_URL, with HEADWATER_TOKEN as the bearer token), for the
/// commands that work either on the local database or on a service. Every failure is a <see cref="ServiceException"/>
/// in words: the token, an unreachable service, or the service's ProblemDetails.
/// </summary>
internal sealed class ServiceClient : IDisposable
{
    public const string UrlVariable = "HEADWATER_URL";
    public const string TokenVariable = "HEADWATER_TOKEN";

    private readonly HttpClient _http;

    private ServiceClient(HttpClient http) => _http = http;

    /// <summary>Where the service is, as the user gave it.</summary>
    public string Url => _http.BaseAddress!.ToString().TrimEnd('/');

    /// <summary>The client for HEADWATER_URL; null when it is unset, and the command works on the local database.</summary>
    /// <exception cref="ServiceException">HEADWATER_TOKEN is unset, or the URL is not one.</exception>
    public static ServiceClient? FromEnvironment(CliContext context)
    {
        if (context.Environment(UrlVariable) is not { Length: > 0 } url)
        {
            return null;
        }
        if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new ServiceException(ExitCodes.Configuration, FailureCause.Configuration,
                $"{UrlVariable} ({url}) is not an http or https URL.");
        }
        if (context.Environment(TokenVariable) is not { Length: > 0 } token)
        {
            throw new ServiceException(ExitCodes.Configuration, FailureCause.Configuration,
                $"{UrlVariable} is set but {TokenVariable} is not: set it to an API token of the service at {url} " +
                $"(`headwater tokens create`), or unset {UrlVariable} to use the local database.");
        }
        var http = context.ServiceHandler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
        http.BaseAddress = address;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        return new ServiceClient(http);
    }

    /// <summary>The stored integrations' names and revisions.</summary>
    public async Task<IReadOnlyList<Listed>> ListAsync(CancellationToken cancellationToken) =>
        await SendAsync<List<Listed>>(new HttpRequestMessage(HttpMethod.Get, "api/integrations"), cancellationToken);

    /// <summary>One integration's configuration as stored, secrets as their references.</summary>
    public async Task<IntegrationConfig> GetAsync(string name, CancellationToken cancellationToken)
    {
        var stored = await SendAsync<Stored>(new HttpRequestMessage(HttpMethod.Get, $"api/integrations/{Uri.EscapeDataString(name)}"),
            cancellationToken);
        return IntegrationFile.ReadModelJson(stored.Configuration.GetRawText(), $"integration '{name}' of {Url}").Config;
    }

    /// <summary>Tests one destination of a stored integration with its stored settings.</summary>
    public async Task<DestinationCheckView> CheckDestinationAsync(string name, string destination, CancellationToken cancellationToken) =>
        await SendAsync<DestinationCheckView>(new HttpRequestMessage(HttpMethod.Post,
            $"api/integrations/{Uri.EscapeDataString(name)}/destinations/{Uri.EscapeDataString(destination)}/check"), cancellationToken);

    /// <summary>Creates or updates the integration named in <paramref name="config"/>; with <paramref name="dryRun"/>, only
    /// says what would change.</summary>
    /// <param name="config">The integration; it must be named.</param>
    /// <param name="values">The values of the variables it references; one left out keeps its stored value.</param>
    /// <param name="dryRun">Change nothing.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    public async Task<IntegrationChangeView> PutAsync(IntegrationConfig config, IReadOnlyDictionary<string, string> values, bool dryRun,
        CancellationToken cancellationToken)
    {
        using var configuration = JsonDocument.Parse(IntegrationFile.WriteJson(config));
        var path = $"api/integrations/{Uri.EscapeDataString(config.Name!)}?dryRun={(dryRun ? "true" : "false")}";
        var request = new HttpRequestMessage(HttpMethod.Put, path)
        {
            Content = JsonContent.Create(new IntegrationWrite(configuration.RootElement, values), options: Json),
        };
        return await SendAsync<IntegrationChangeView>(request, cancellationToken);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new ServiceException(ExitCodes.Unreachable, FailureCause.Unreachable,
                    $"No service answers at {Url}: {e.GetBaseException().Message}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ServiceException(ExitCodes.Unreachable, FailureCause.Unreachable,
                    $"No service answers at {Url}: no response within {_http.Timeout.TotalSeconds:0} s.");
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw await FailureAsync(response, cancellationToken);
                }
                return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                    ?? throw new ServiceException(ExitCodes.Unreachable, FailureCause.Unreachable,
                        $"The service at {Url} answered with nothing.");
            }
        }
    }

    private async Task<ServiceException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                return new(ExitCodes.Unauthorized, FailureCause.Credentials, $"The service at {Url} does not accept {TokenVariable}: " +
                    "it is unknown, revoked or expired. Create a token with `headwater tokens create` on the service's host.");
            case HttpStatusCode.Forbidden:
                return new(ExitCodes.PermissionMissing, FailureCause.Permission,
                    $"{TokenVariable} may not do this on the service at {Url}: changing integrations needs a token with the admin " +
                    "scope, reading them the read scope.");
        }
        HttpValidationProblemDetails? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            // not ProblemDetails (a proxy's page, say): the status says enough
        }
        var heading = problem?.Title is { } title
            ? $"The service at {Url} answered {(int)response.StatusCode}: {title}{(problem.Detail is { } detail ? $": {detail}" : "")}"
            : $"The service at {Url} answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        var problems = problem?.Errors
            .SelectMany(e => e.Value.Select(message => e.Key.Length == 0 ? message : $"{e.Key}: {message}")).ToList() ?? [];
        var (exit, cause) = response.StatusCode switch
        {
            HttpStatusCode.NotFound => (ExitCodes.NotFound, FailureCause.Configuration),
            >= HttpStatusCode.InternalServerError => (ExitCodes.Unreachable, FailureCause.Unreachable),
            _ => (ExitCodes.Configuration, FailureCause.Configuration),
        };
        return new ServiceException(exit, cause, heading, problems);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>An integration in the service's list.</summary>
    /// <param name="Name">Its name.</param>
    /// <param name="Revision">Its revision, counted from 1.</param>
    public sealed record Listed(string Name, int Revision);

    private sealed record Stored(string Name, JsonElement Configuration);
}

/// <summary>A request to the service failed: in words, with the problems the service named, and the exit code.</summary>
/// <param name="exit">The command's exit code.</param>
/// <param name="cause">For --json.</param>
/// <param name="message">The sentence.</param>
/// <param name="problems">Each problem, by path.</param>
internal sealed class ServiceException(int exit, FailureCause cause, string message, IReadOnlyList<string>? problems = null)
    : Exception(message)
{
    public int Exit { get; } = exit;
    public FailureCause Cause { get; } = cause;
    public IReadOnlyList<string> Problems { get; } = problems ?? [];
}
