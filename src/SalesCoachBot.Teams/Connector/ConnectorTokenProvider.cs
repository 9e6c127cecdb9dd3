using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace SalesCoachBot.Teams.Connector;

/// <summary>Bearer tokens for calls to the Bot Connector.</summary>
internal interface IConnectorTokenProvider
{
    /// <summary>A token for the connector scope, or null when the bot has no credentials (local development).</summary>
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Client-credential tokens from MSAL (secret or certificate) for <c>https://api.botframework.com/.default</c>.
/// MSAL caches the token in the application object and renews it before it expires, so the
/// application is built once.
/// </summary>
internal sealed class MsalConnectorTokenProvider(IOptions<TeamsOptions> options) : IConnectorTokenProvider
{
    private readonly Lazy<IConfidentialClientApplication?> application = new(() => Build(options.Value));

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (application.Value is not { } app)
        {
            return null;
        }

        var result = await app.AcquireTokenForClient([TeamsOptions.ConnectorScope]).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }

    private static IConfidentialClientApplication? Build(TeamsOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.AppId) || !o.HasCredentials)
        {
            return null;
        }

        var builder = ConfidentialClientApplicationBuilder.Create(o.AppId).WithAuthority(o.Authority, validateAuthority: !o.HasTokenEndpoint);
        builder = string.IsNullOrWhiteSpace(o.CertificateThumbprint)
            ? builder.WithClientSecret(o.AppPassword)
            : builder.WithCertificate(FindCertificate(o.CertificateThumbprint), sendX5C: true);
        return builder.Build();
    }

    private static X509Certificate2 FindCertificate(string thumbprint)
    {
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", string.Empty, StringComparison.Ordinal), validOnly: false);
        return found.Count > 0
            ? found[0]
            : throw new InvalidOperationException($"Teams:CertificateThumbprint {thumbprint} is not in the current user's certificate store.");
    }
}
