using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Headwater.Core.Configuration;

/// <summary>A node's content as one canonical text: the same configuration always gives the same text, whatever it
/// was written in and wherever its lines are.</summary>
public static class ConfigText
{
    /// <summary>A SHA-256 over the node's canonical text, in hex.</summary>
    public static string Hash(ConfigNode node) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(node))));

    public static string Canonical(ConfigNode node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(ConfigNode node, StringBuilder text)
    {
        switch (node)
        {
            case ConfigScalar { IsNull: true }:
                text.Append("null");
                break;
            case ConfigScalar scalar:
                text.Append(JsonSerializer.Serialize(scalar.Value ?? ""));
                break;
            case ConfigList list:
                text.Append('[');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    text.Append(i > 0 ? "," : "");
                    Write(list.Items[i], text);
                }
                text.Append(']');
                break;
            case ConfigMap map:
                text.Append('{');
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    text.Append(i > 0 ? "," : "");
                    Write(map.Entries[i].Key, text);
                    text.Append(':');
                    Write(map.Entries[i].Value, text);
                }
                text.Append('}');
                break;
        }
    }
}
