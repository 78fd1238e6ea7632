using System.Buffers.Binary;
using System.DirectoryServices.Protocols;
using System.Text;

namespace Headwater.Connectors.Ldap;

/// <summary>
/// The LDAP controls that save a round trip, which System.DirectoryServices.Protocols has no types for: the post-read
/// control (RFC 4527), which returns the added entry's attributes with the add's answer, and the assertion control
/// (RFC 4528), which makes a write apply only while the entry matches a filter. Their values are BER, built and read
/// here: the few shapes they need, not a general codec.
/// </summary>
internal static class LdapControls
{
    public const string PostReadOid = "1.3.6.1.1.13.2";
    public const string AssertionOid = "1.3.6.1.1.12";

    /// <summary>The write's entry did not match the assertion (RFC 4528).</summary>
    public const ResultCode AssertionFailed = (ResultCode)122;

    private const byte OctetString = 0x04;
    private const byte Sequence = 0x30;
    private const byte And = 0xA0;
    private const byte Not = 0xA2;
    private const byte EqualityMatch = 0xA3;

    /// <summary>Asks for <paramref name="attributes"/> of the entry as the write left it.</summary>
    public static DirectoryControl PostRead(params string[] attributes) =>
        new(PostReadOid, Tlv(Sequence, [.. attributes.Select(Text)]), isCritical: false, serverSide: true);

    /// <summary>The first value of <paramref name="attribute"/> in the response's post-read entry; null when the
    /// server sent none.</summary>
    public static string? PostReadValue(DirectoryResponse response, string attribute)
    {
        if (response.Controls.FirstOrDefault(c => c.Type == PostReadOid)?.GetValue() is not { Length: > 0 } value)
        {
            return null;
        }
        // SearchResultEntry ::= [APPLICATION 4] SEQUENCE { objectName, attributes SEQUENCE OF SEQUENCE { type, SET OF value } }
        var entry = Elements(Elements(value)[0].Content);
        foreach (var partial in Elements(entry[1].Content))
        {
            var typeAndValues = Elements(partial.Content);
            if (Encoding.UTF8.GetString(typeAndValues[0].Content).Equals(attribute, StringComparison.OrdinalIgnoreCase)
                && Elements(typeAndValues[1].Content) is [var first, ..])
            {
                return Encoding.UTF8.GetString(first.Content);
            }
        }
        return null;
    }

    /// <summary>Holds the write to an entry whose attributes equal <paramref name="equal"/> and that has none of
    /// <paramref name="absent"/> (attribute and value); the server answers assertionFailed otherwise.</summary>
    public static DirectoryControl Assertion(IEnumerable<(string Attribute, string Value)> equal,
        IEnumerable<(string Attribute, string Value)> absent)
    {
        var terms = equal.Select(Equality).Concat(absent.Select(a => Tlv(Not, Equality(a)))).ToArray();
        return new DirectoryControl(AssertionOid, Tlv(And, terms), isCritical: true, serverSide: true);
    }

    private static byte[] Equality((string Attribute, string Value) term) => Tlv(EqualityMatch, Text(term.Attribute), Text(term.Value));

    private static byte[] Text(string value) => Tlv(OctetString, Encoding.UTF8.GetBytes(value));

    private static byte[] Tlv(byte tag, params byte[][] parts)
    {
        var length = parts.Sum(p => p.Length);
        var header = new List<byte> { tag };
        if (length < 0x80)
        {
            header.Add((byte)length);
        }
        else
        {
            var word = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(word, length);
            var bytes = word.SkipWhile(b => b == 0).ToArray();
            header.Add((byte)(0x80 | bytes.Length));
            header.AddRange(bytes);
        }
        return [.. header, .. parts.SelectMany(p => p)];
    }

    /// <summary>The elements (tag and content) one after another in <paramref name="data"/>.</summary>
    private static List<(byte Tag, byte[] Content)> Elements(byte[] data)
    {
        var elements = new List<(byte, byte[])>();
        for (var at = 0; at < data.Length;)
        {
            var tag = data[at++];
            var length = (int)data[at++];
            if (length >= 0x80)
            {
                var count = length & 0x7F;
                length = 0;
                for (var i = 0; i < count; i++)
                {
                    length = (length << 8) | data[at++];
                }
            }
            elements.Add((tag, data[at..(at + length)]));
            at += length;
        }
        return elements;
    }
}
