using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Headwater.Data;

/// <summary>
/// Encrypts a secret as it is written to the database and decrypts it as it is read, with Data Protection under a
/// purpose of its own, so no secret is ever at rest in plain text. The stored text starts with <see cref="Prefix"/>,
/// so an encrypted column is recognisable in a dump and a later scheme can be told apart.
/// </summary>
internal sealed class SecretConverter(IDataProtector? protector) : ValueConverter<string, string>(
    value => Protect(protector, value), stored => Unprotect(protector, stored))
{
    public const string Purpose = "Headwater.Secrets.v1";

    public const string Prefix = "hw-dp1:";

    private static string Protect(IDataProtector? protector, string value) => Prefix + Required(protector).Protect(value);

    private static string Unprotect(IDataProtector? protector, string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal)
            ? Required(protector).Unprotect(stored[Prefix.Length..])
            : throw new InvalidOperationException("A stored secret is not in a form Headwater wrote.");

    // A context made without the services (the EF tools, a test's own) has no key ring; its model still builds.
    private static IDataProtector Required(IDataProtector? protector) => protector ??
        throw new InvalidOperationException("Stored secrets need the key ring: build the database context with AddHeadwaterData.");
}
