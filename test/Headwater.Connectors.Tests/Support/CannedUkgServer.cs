using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Headwater.Connectors.Tests.Support;

/// <summary>
/// A tiny HTTP peer on a free loopback port that answers with canned JSON, for the tenant behaviours the reference
/// lists as possible but the simulator does not produce: no Link header, other page caps, numbers where strings are
/// documented, dates with Z. Every request's path and query is recorded.
/// </summary>
public sealed class CannedUkgServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests;

    private CannedUkgServer(WebApplication app, ConcurrentQueue<string> requests, Uri baseUrl)
    {
        _app = app;
        _requests = requests;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Path and query of every request, in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<CannedUkgServer> StartAsync(Func<HttpContext, Task> handle)
    {
        var requests = new ConcurrentQueue<string>();
        var (app, address) = await LoopbackPeer.StartAsync(context =>
        {
            requests.Enqueue(context.Request.Path + context.Request.QueryString);
            return handle(context);
        });
        return new CannedUkgServer(app, requests, address);
    }

    /// <summary>
    /// Serves <paramref name="items"/> (JSON objects) as a UKG list: page and per_Page in any casing, pages capped at
    /// <paramref name="cap"/> whatever the client asks for, [] past the end, and a Link rel="next" only if asked.
    /// </summary>
    public static Func<HttpContext, Task> PagedList(IReadOnlyList<string> items, int cap, LinkStyle link = LinkStyle.None) => async context =>
    {
        var query = context.Request.Query; // IQueryCollection is case-insensitive, as ASP.NET model binding is
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1;
        var perPage = Math.Min(cap, int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var n) ? n : cap);
        var slice = items.Skip((page - 1) * perPage).Take(perPage).ToList();
        var hasNext = (long)page * perPage < items.Count;
        if (hasNext && link != LinkStyle.None)
        {
            var next = $"{context.Request.Path}?page={page + 1}&per_page={perPage}";
            context.Response.Headers.Link = link == LinkStyle.Absolute
                ? $"<{context.Request.Scheme}://{context.Request.Host}{next}>; rel=\"next\""
                : $"<{next}>; rel=\"next\"";
        }
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync("[" + string.Join(",", slice) + "]");
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public enum LinkStyle { None, Absolute, Relative }
