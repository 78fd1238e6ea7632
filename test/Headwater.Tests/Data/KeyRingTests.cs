using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Headwater.Data;
using Headwater.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Tests.Data;

/// <summary>The key ring protected with a certificate (HEADWATER_KEYS_CERTIFICATE): its keys are encrypted at rest, a
/// process with the certificate reads what another wrote, and one without it cannot.</summary>
public sealed class KeyRingTests : IDisposable
{
    private const string Secret = "Ukg-Pa55word-7f3e";
    private readonly string _directory = StateStore.NewDataDirectory();

    public KeyRingTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public void A_certificate_encrypts_the_keys_and_is_needed_to_read_secrets_back()
    {
        var pfx = Certificate("keyring-password");
        var withCertificate = new DataOptions(_directory, null) { KeysCertificate = pfx, KeysCertificatePassword = "keyring-password" };
        var protectedText = Protector(withCertificate).Protect(Secret);

        var keyFile = Directory.GetFiles(Path.Combine(_directory, "keys"), "key-*.xml").Single();
        var xml = File.ReadAllText(keyFile);
        // Without a certificate the master key is written as <value>BASE64</value>; with one, only as EncryptedData.
        Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);

        Assert.Equal(Secret, Protector(withCertificate).Unprotect(protectedText));
        Assert.ThrowsAny<CryptographicException>(() => Protector(new DataOptions(_directory, null)).Unprotect(protectedText));
    }

    [Fact]
    public void A_wrong_password_stops_with_a_sentence_that_does_not_echo_it()
    {
        var options = new DataOptions(_directory, null) { KeysCertificate = Certificate("right"), KeysCertificatePassword = "wrong-one" };
        var failure = Assert.Throws<StateStoreException>(() => new ServiceCollection().AddHeadwaterDataProtection(options));
        Assert.Contains("HEADWATER_KEYS_CERTIFICATE_PASSWORD", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-one", failure.Message, StringComparison.Ordinal);
    }

    private static IDataProtector Protector(DataOptions options)
    {
        var services = new ServiceCollection().AddHeadwaterDataProtection(options).BuildServiceProvider();
        return services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
    }

    private string Certificate(string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Headwater key ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddYears(1));
        var path = Path.Combine(_directory, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
