using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Headwater.Simulator;

namespace Headwater.Benchmarks;

/// <summary>
/// Reads every page of GET /personnel/v1/employment-details as a sync client would: HTTP Basic plus the customer
/// API key, page after page until the simulator answers <c>[]</c>, counting rows from the streamed body without
/// holding a whole page in memory.
/// </summary>
internal sealed class PageReader : IDisposable
{
    private readonly HttpClient _http;

    public PageReader(UkgSimulator simulator)
    {
        var options = simulator.Options;
        _http = new HttpClient { BaseAddress = simulator.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.UserName}:{options.Password}")));
        _http.DefaultRequestHeaders.Add("US-Customer-Api-Key", options.CustomerApiKey);
    }

    /// <summary>Reads all pages; returns the rows and the number of requests, including the final empty page.</summary>
    public async Task<(long Rows, int Requests)> ReadAllAsync(int pageSize, CancellationToken cancellationToken = default)
    {
        long total = 0;
        for (var page = 1; ; page++)
        {
            var (rows, _) = await ReadPageAsync(page, pageSize, cancellationToken);
            total += rows;
            if (rows == 0)
            {
                return (total, page);
            }
        }
    }

    /// <summary>Reads one page; returns its rows and the bytes of its body.</summary>
    public async Task<(int Rows, long Bytes)> ReadPageAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var uri = new Uri($"personnel/v1/employment-details?page={page}&per_Page={pageSize}", UriKind.Relative);
        using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await CountArrayItemsAsync(body, cancellationToken);
    }

    /// <summary>Counts the top-level items of a JSON array and its bytes, reading through a small buffer.</summary>
    internal static async Task<(int Items, long Bytes)> CountArrayItemsAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var state = new JsonReaderState();
        var kept = 0;
        var depth = 0;
        var items = 0;
        long bytes = 0;
        while (true)
        {
            if (kept == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var read = await body.ReadAsync(buffer.AsMemory(kept), cancellationToken);
            var final = read == 0;
            bytes += read;
            var consumed = Count(buffer.AsSpan(0, kept + read), final, ref state, ref depth, ref items);
            kept = kept + read - consumed;
            buffer.AsSpan(consumed, kept).CopyTo(buffer);
            if (final)
            {
                return (items, bytes);
            }
        }
    }

    private static int Count(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, ref int depth, ref int items)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (depth++ == 1)
                    {
                        items++;
                    }
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    break;
            }
        }
        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    public void Dispose() => _http.Dispose();
}
