using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SalesCoachBot.Slack.Installs;

/// <summary>
/// The ASP.NET Core Data Protection key ring that encrypts installed bot tokens (<c>Slack:KeyRing</c>): kept in files
/// (<c>Slack:DataProtectionKeysPath</c>) or in the host's database, and encrypted at rest with a certificate when one
/// is named. A certificate that cannot be loaded refuses the start with the key's name.
/// </summary>
internal static class SlackKeyRing
{
    public const string ApplicationName = "SalesCoachBot";

    public static void AddSlackKeyRing(this IServiceCollection services, SlackKeyRingOptions keyRing, string keysPath, Action<IDataProtectionBuilder>? keysInDatabase)
    {
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (keyRing.Store == SlackKeyStore.Database)
        {
            // Validated on start: without the host's hook the option refuses the start instead of falling back silently.
            keysInDatabase?.Invoke(builder);
        }
        else
        {
            builder.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keysPath)));
        }

        string? problem = null;
        if (!string.IsNullOrWhiteSpace(keyRing.CertificatePath))
        {
            try
            {
                var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(keyRing.CertificatePath), keyRing.CertificatePassword);
                problem = certificate.HasPrivateKey ? null : "the certificate has no private key, so keys encrypted with it could not be read back.";
                // Registers the certificate for decryption too, so the keys read back without a certificate store.
                builder.ProtectKeysWithCertificate(certificate);
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                problem = $"cannot load '{keyRing.CertificatePath}' ({e.GetType().Name}: {e.Message.TrimEnd('.')}).";
            }
        }
        else if (!string.IsNullOrWhiteSpace(keyRing.CertificateThumbprint))
        {
            var thumbprint = keyRing.CertificateThumbprint.Replace(" ", string.Empty, StringComparison.Ordinal);
            using var found = new CertificateResolver().ResolveCertificate(thumbprint);
            if (found is null)
            {
                problem = $"no certificate with thumbprint {thumbprint} in the current user's or the machine's 'My' store.";
            }
            else
            {
                builder.ProtectKeysWithCertificate(thumbprint);
            }
        }

        var key = string.IsNullOrWhiteSpace(keyRing.CertificatePath) ? "Slack:KeyRing:CertificateThumbprint" : "Slack:KeyRing:CertificatePath";
        services.AddOptions<SlackOptions>().Validate(_ => problem is null, $"{key}: {problem}");
    }
}
