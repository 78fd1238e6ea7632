using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Headwater.Core.Workers;

/// <summary>
/// Decodes a worker's stored fields (a flat JSON object of names and string values, as a read writes them). Every
/// worker carries the same hundred or so names, so each name is held once for all of them: a sync decodes every
/// worker, and allocating each name again per worker was a large part of what a sync's start costs in memory and time.
/// </summary>
public static class StoredFields
{
    /// <summary>Names shared at most; custom fields make the set larger but not unbounded.</summary>
    private const int MaxSharedNames = 50_000;

    /// <summary>Longer names are not looked up: none of the fields a read stores is nearly as long.</summary>
    private const int MaxSharedLength = 256;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> NamesByChars =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The fields in <paramref name="json"/>; empty for JSON null.</summary>
    public static Dictionary<string, string?> Decode(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            return Decode(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The one string held for a field name.</summary>
    public static string Name(ReadOnlySpan<char> name)
    {
        if (NamesByChars.TryGetValue(name, out var shared))
        {
            return shared;
        }
        var created = name.ToString();
        return Names.Count < MaxSharedNames ? Names.GetOrAdd(created, created) : created;
    }

    private static Dictionary<string, string?> Decode(ReadOnlySpan<byte> utf8)
    {
        // About one field per 40 bytes of a read's JSON: one resize at most, rarely a wasted half.
        var fields = new Dictionary<string, string?>(utf8.Length / 40 + 4, StringComparer.Ordinal);
        Decode(utf8, fields);
        return fields;
    }

    /// <summary>The fields in <paramref name="utf8"/> (UTF-8 JSON), in place of what <paramref name="fields"/> held, so that
    /// one dictionary can serve many workers in turn.</summary>
    public static void Decode(ReadOnlySpan<byte> utf8, Dictionary<string, string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A worker's stored fields are a JSON object, not {reader.TokenType}.");
        }
        Span<char> chars = stackalloc char[MaxSharedLength];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name;
            if (!reader.ValueIsEscaped && reader.ValueSpan.Length <= MaxSharedLength)
            {
                var count = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
                name = Name(chars[..count]);
            }
            else
            {
                name = reader.GetString()!;
            }
            reader.Read();
            fields[name] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => throw new JsonException($"The stored field '{name}' is {reader.TokenType}, not a string."),
            };
        }
    }
}
