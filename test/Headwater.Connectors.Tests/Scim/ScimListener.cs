using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using Headwater.Connectors.Tests.Support;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>A request as the listener received it.</summary>
public sealed record Received(string Method, string Path, string Body, string? Authorization, string? ContentType)
{
    public JsonObject Json => (JsonObject)JsonNode.Parse(Body)!;
}

/// <summary>
/// A tiny HTTP peer on a free loopback port, for what the SCIM test server cannot show: the exact JSON sent, servers
/// that accept string booleans, answer 204 or 500, or ignore startIndex. Records every request.
/// </summary>
public sealed class ScimListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received;

    private ScimListener(WebApplication app, ConcurrentQueue<Received> received, Uri baseUrl)
    {
        _app = app;
        _received = received;
        BaseUrl = baseUrl;
    }

    /// <summary>The SCIM base URL: <c>http://127.0.0.1:port/scim/v2/</c>.</summary>
    public Uri BaseUrl { get; }

    public IReadOnlyList<Received> Received => [.. _received];

    /// <summary>Starts the listener; <paramref name="answer"/> gets each request with its body already read.</summary>
    public static async Task<ScimListener> StartAsync(Func<HttpContext, Received, Task> answer)
    {
        var received = new ConcurrentQueue<Received>();
        var (app, address) = await LoopbackPeer.StartAsync(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            var request = new Received(context.Request.Method, context.Request.Path + context.Request.QueryString, body,
                context.Request.Headers.Authorization.ToString(), context.Request.ContentType);
            received.Enqueue(request);
            await answer(context, request);
        });
        return new ScimListener(app, received, new Uri(address, "scim/v2/"));
    }

    /// <summary>Answers every POST with 201 and the body plus an id, PATCH and PUT with 200 and an empty user, GET
    /// of a user with <paramref name="user"/> (or an empty user), DELETE with 204.</summary>
    public static Task<ScimListener> Permissive(JsonObject? user = null) => StartAsync((context, request) => request.Method switch
    {
        "POST" => Json(context, 201, new JsonObject(request.Json.Where(p => p.Key != "id").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))) { ["id"] = "u-1" }),
        "GET" => Json(context, 200, (JsonObject?)user?.DeepClone() ?? new JsonObject { ["id"] = "u-1", ["userName"] = "x" }),
        "DELETE" => Status(context, 204),
        _ => Json(context, 200, new JsonObject { ["id"] = "u-1" }),
    });

    public static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/scim+json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
