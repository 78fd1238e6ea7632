using System.Collections.Concurrent;
using System.DirectoryServices.Protocols;
using System.Formats.Asn1;
using System.Text;

namespace Headwater.Connectors.Ldap;

/// <summary>
/// The LDAP controls that save a round trip, which System.DirectoryServices.Protocols has no types for: the post-read
/// control (RFC 4527), which returns the added entry's attributes with the add's answer, and the assertion control
/// (RFC 4528), which makes a write apply only while the entry matches a filter. Their values are BER, written and read
/// with System.Formats.Asn1.
/// </summary>
internal static class LdapControls
{
    public const string PostReadOid = "1.3.6.1.1.13.2";
    public const string AssertionOid = "1.3.6.1.1.12";

    /// <summary>The write's entry did not match the assertion (RFC 4528).</summary>
    public const ResultCode AssertionFailed = (ResultCode)122;

    // RFC 4511's tags: a SearchResultEntry, and the filter choices the assertion uses.
    private static readonly Asn1Tag SearchResultEntry = new(TagClass.Application, 4, isConstructed: true);
    private static readonly Asn1Tag And = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Not = new(TagClass.ContextSpecific, 2, isConstructed: true);
    private static readonly Asn1Tag EqualityMatch = new(TagClass.ContextSpecific, 3, isConstructed: true);

    /// <summary>Each post-read control's value by the attribute it asks for: every add of a run asks for the same one.</summary>
    private static readonly ConcurrentDictionary<string, byte[]> PostReadValues = new(StringComparer.Ordinal);

    /// <summary>Asks for <paramref name="attribute"/> of the entry as the write left it.</summary>
    public static DirectoryControl PostRead(string attribute) =>
        new(PostReadOid, PostReadValues.GetOrAdd(attribute, Encode), isCritical: false, serverSide: true);

    private static byte[] Encode(string attribute)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            writer.WriteOctetString(Encoding.UTF8.GetBytes(attribute));
        }
        return writer.Encode();
    }

    /// <summary>The first value of <paramref name="attribute"/> in the response's post-read entry; null when the
    /// server sent none.</summary>
    public static string? PostReadValue(DirectoryResponse response, string attribute)
    {
        if (response.Controls.FirstOrDefault(c => c.Type == PostReadOid)?.GetValue() is not { Length: > 0 } value)
        {
            return null;
        }
        // SearchResultEntry ::= [APPLICATION 4] SEQUENCE { objectName, attributes SEQUENCE OF SEQUENCE { type, SET OF value } }
        var entry = new AsnReader(value, AsnEncodingRules.BER).ReadSequence(SearchResultEntry);
        entry.ReadOctetString();
        var attributes = entry.ReadSequence();
        while (attributes.HasData)
        {
            var partial = attributes.ReadSequence();
            var type = Encoding.UTF8.GetString(partial.ReadOctetString());
            var values = partial.ReadSetOf(skipSortOrderValidation: true);
            if (type.Equals(attribute, StringComparison.OrdinalIgnoreCase) && values.HasData)
            {
                return Encoding.UTF8.GetString(values.ReadOctetString());
            }
        }
        return null;
    }

    /// <summary>Holds the write to an entry whose attributes equal <paramref name="equal"/> and that has none of
    /// <paramref name="absent"/> (attribute and value); the server answers assertionFailed otherwise.</summary>
    public static DirectoryControl Assertion(IEnumerable<(string Attribute, string Value)> equal,
        IEnumerable<(string Attribute, string Value)> absent)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSetOf(And))
        {
            foreach (var term in equal)
            {
                Equality(writer, term);
            }
            foreach (var term in absent)
            {
                using (writer.PushSequence(Not))
                {
                    Equality(writer, term);
                }
            }
        }
        return new DirectoryControl(AssertionOid, writer.Encode(), isCritical: true, serverSide: true);
    }

    private static void Equality(AsnWriter writer, (string Attribute, string Value) term)
    {
        using (writer.PushSequence(EqualityMatch))
        {
            writer.WriteOctetString(Encoding.UTF8.GetBytes(term.Attribute));
            writer.WriteOctetString(Encoding.UTF8.GetBytes(term.Value));
        }
    }
}
