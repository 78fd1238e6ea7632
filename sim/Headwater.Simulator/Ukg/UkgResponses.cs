using System.Text.Json;
using Headwater.Simulator.Faults;
using Headwater.Simulator.Tenants;
using Microsoft.AspNetCore.Http.Extensions;

namespace Headwater.Simulator.Ukg;

/// <summary>Writes UKG list responses: a bare JSON array, streamed, with a Link header when another page exists.</summary>
internal static class UkgResponses
{
    private const int FlushEvery = 500;

    public static async Task WriteList<T>(HttpContext context, IEnumerable<T> items, Paging paging, Action<UkgJson, T> write)
    {
        var page = new List<T>(Math.Min(paging.PerPage, 1024));
        var hasNext = false;
        foreach (var item in items.Skip(paging.Skip))
        {
            if (page.Count == paging.PerPage)
            {
                hasNext = true;
                break;
            }
            page.Add(item);
        }
        if (hasNext)
        {
            context.Response.Headers.Link = $"<{NextPageUrl(context.Request, paging)}>; rel=\"next\"";
        }
        await WriteArray(context, page, write);
    }

    /// <summary>Writes an unpaged array (org levels, locations and v1 jobs return everything at once).</summary>
    public static async Task WriteArray<T>(HttpContext context, IReadOnlyList<T> items, Action<UkgJson, T> write)
    {
        var services = context.RequestServices;
        var faults = services.GetRequiredService<FaultState>();
        var perRow = faults.Settings.LatencyPerRow;
        if (perRow > TimeSpan.Zero && items.Count > 0)
        {
            await Task.Delay(perRow * items.Count, services.GetRequiredService<TimeProvider>(), context.RequestAborted);
        }
        var truncate = UkgGate.ShouldTruncate(context);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, new JsonWriterOptions { SkipValidation = true });
        var json = new UkgJson(writer, services.GetRequiredService<UkgApiSettings>(), services.GetRequiredService<Tenant>());
        writer.WriteStartArray();
        var stopAt = truncate ? Math.Max(1, items.Count / 2) : items.Count;
        for (var i = 0; i < items.Count && i < stopAt; i++)
        {
            write(json, items[i]);
            if (i % FlushEvery == FlushEvery - 1)
            {
                await writer.FlushAsync(context.RequestAborted);
            }
        }
        if (truncate)
        {
            // Cut the body mid-value: half the rows, then half of an object, and no closing bracket.
            writer.WriteStartObject();
            writer.WritePropertyName("employeeID"u8);
            await writer.FlushAsync(context.RequestAborted);
            return;
        }
        writer.WriteEndArray();
        await writer.FlushAsync(context.RequestAborted);
    }

    public static async Task WriteObject<T>(HttpContext context, T item, Action<UkgJson, T> write)
    {
        var services = context.RequestServices;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        write(new UkgJson(writer, services.GetRequiredService<UkgApiSettings>(), services.GetRequiredService<Tenant>()), item);
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>400 with the spec's Error object.</summary>
    public static Task WriteBadRequest(HttpContext context, string property, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(new UkgError(
            "One or more validation errors occurred.", "https://tools.ietf.org/html/rfc7231#section-6.5.1", 1,
            new Dictionary<string, UkgErrorItem[]> { [property] = [new UkgErrorItem(message, "Validation")] },
            message, 400, message), UkgJsonContext.Default.UkgError);
    }

    /// <summary>The same URL with page+1, keeping the other parameters and putting page, then per_page, last.</summary>
    private static string NextPageUrl(HttpRequest request, Paging paging)
    {
        var query = new QueryBuilder();
        foreach (var (name, values) in request.Query)
        {
            if (!name.Equals("page", StringComparison.OrdinalIgnoreCase) && !name.Equals("per_page", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values)
                {
                    query.Add(name, value ?? "");
                }
            }
        }
        query.Add("page", (paging.Page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        query.Add("per_page", paging.PerPage.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
    }
}
