using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace SalesCoachBot.Slack.Installs;

/// <summary>
/// An installation as ciphertext (ASP.NET Core Data Protection, one purpose for files and database alike, so a file
/// can be moved into the database as it is). Ciphertext that no longer decrypts (lost keys) reads as no installation.
/// </summary>
internal sealed class InstallationCipher(IDataProtectionProvider protection)
{
    private const string Purpose = "SalesCoachBot.Slack.Installations.v1";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    public byte[] Protect(SlackInstallation installation) =>
        protector.Protect(JsonSerializer.SerializeToUtf8Bytes(installation, JsonOptions));

    public SlackInstallation? Unprotect(byte[] cipher)
    {
        try
        {
            return JsonSerializer.Deserialize<SlackInstallation>(protector.Unprotect(cipher), JsonOptions);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
